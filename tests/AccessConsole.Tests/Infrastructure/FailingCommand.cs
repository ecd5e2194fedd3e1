using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// Makes every database command that contains <paramref name="sqlFragment"/> fail, as a broken disk or connection
/// would, and remembers the commands that ran before it.
/// </summary>
public sealed class FailingCommand(string sqlFragment) : DbCommandInterceptor
{
    private readonly List<string> executed = [];

    public IReadOnlyList<string> Executed => executed;

    public int Failures { get; private set; }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Intercept(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Intercept(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Intercept(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Intercept(DbCommand command)
    {
        lock (executed)
        {
            if (command.CommandText.Contains(sqlFragment, StringComparison.OrdinalIgnoreCase))
            {
                Failures++;
                throw new InjectedFailure($"Injected failure on: {sqlFragment}");
            }
            executed.Add(command.CommandText);
        }
    }
}

public sealed class InjectedFailure(string message) : Exception(message);
