using AccessConsole.Web.Audit.Checkpoints;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>
/// Signing a checkpoint of the head in a running console: the tree brought up to date, its root from the stored
/// subtrees, the signature, the row and the witness file. The floor is the least any checkpoint does: read the head.
/// </summary>
public static class CheckpointOperations
{
    public static async Task RunAsync(OperationTable table, PlainSql sql, BenchmarkApp app)
    {
        var checkpoints = app.Services.GetRequiredService<CheckpointService>();
        await table.RowAsync("checkpoint: sign the head (with its tree root)", i => i,
            _ => checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None),
            _ => sql.ScalarAsync("SELECT Sequence || ':' || Hash FROM AuditEvents ORDER BY Sequence DESC LIMIT 1;"));
    }
}
