using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// Makes the database commands that contain <paramref name="sqlFragment"/> fail, as a broken disk or connection
/// would: before they run, or just after they ran (their write is then inside the transaction). Remembers every
/// command that ran.
/// </summary>
public sealed class FailingCommand(string sqlFragment, bool afterExecuting = false) : DbCommandInterceptor
{
    private readonly List<string> executed = [];

    public IReadOnlyList<string> Executed { get { lock (executed) return executed.ToList(); } }

    public int Failures { get; private set; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Before(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (ShouldFailAfter(command)) await result.DisposeAsync();
        After(command);
        return await base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Before(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(command);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    private bool Matches(DbCommand command) => command.CommandText.Contains(sqlFragment, StringComparison.OrdinalIgnoreCase);

    private bool ShouldFailAfter(DbCommand command) => afterExecuting && Matches(command);

    private void Before(DbCommand command)
    {
        if (!afterExecuting && Matches(command)) Fail();
    }

    private void After(DbCommand command)
    {
        lock (executed) executed.Add(command.CommandText);
        if (ShouldFailAfter(command)) Fail();
    }

    private void Fail()
    {
        Failures++;
        throw new InjectedFailure($"Injected failure {(afterExecuting ? "after" : "before")} executing: {sqlFragment}");
    }
}

public sealed class InjectedFailure(string message) : Exception(message);
