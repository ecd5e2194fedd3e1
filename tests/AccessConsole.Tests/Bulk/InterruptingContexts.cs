using System.Data.Common;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Bulk;

/// <summary>The crash a test simulates: the process dying in the middle of a transaction.</summary>
public sealed class SimulatedCrash(string message) : Exception(message);

/// <summary>
/// Contexts on the test app's database in which the Nth command containing a fragment is interrupted: it throws a
/// <see cref="SimulatedCrash"/>, or runs a given action (a stop request) just before it runs. Earlier statements of
/// the same transaction have run by then, so the interruption lands in the middle of a change.
/// </summary>
public sealed class InterruptingContexts : IDbContextFactory<AccessConsoleDbContext>
{
    private readonly DbContextOptions<SqliteAccessConsoleDbContext> options;

    public InterruptingContexts(BulkTestApp app, string fragment, int nth, Action? instead = null)
    {
        var connection = app.Factory.Services.GetRequiredService<AccessConsoleDbContextFactory>().ConnectionString;
        options = new DbContextOptionsBuilder<SqliteAccessConsoleDbContext>()
            .UseSqlite(connection)
            .AddInterceptors(new Interruption(fragment, nth, instead))
            .Options;
    }

    public AccessConsoleDbContext CreateDbContext() => new SqliteAccessConsoleDbContext(options);

    /// <summary>A runner of the app's jobs whose every database command goes through these contexts.</summary>
    public static ChangeJobRunner RunnerOn(BulkTestApp app, IDbContextFactory<AccessConsoleDbContext> contexts) =>
        new(contexts, new AccessChangeService(contexts, new SystemActor(), app.Clock, app.Factory.Services.GetRequiredService<AccessChangeSignal>()), app.Clock);

    private sealed class Interruption(string fragment, int nth, Action? instead) : DbCommandInterceptor
    {
        private int seen;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Check(DbCommand command)
        {
            if (!command.CommandText.Contains(fragment, StringComparison.Ordinal) || Interlocked.Increment(ref seen) != nth) return;
            if (instead is null) throw new SimulatedCrash($"Simulated crash before: {fragment} (occurrence {nth})");
            instead();
        }
    }
}
