using System.Diagnostics;
using AccessConsole.Web.Hosting;

namespace AccessConsole.Web.Audit.Checkpoints;

/// <summary><c>sign-checkpoint</c>: signs a checkpoint of the head now, as the audit page's button does (for a scheduled job, or before a handover).</summary>
public sealed class SignCheckpointVerb(TextWriter? output = null, TextWriter? error = null) : ICommandLineVerb
{
    public const int Unusable = 2;

    private TextWriter Output => output ?? Console.Out;
    private TextWriter Error => error ?? Console.Error;

    public string Name => "sign-checkpoint";

    public string Usage => "sign-checkpoint   (signs the audit log's head now, and writes the checkpoint to the witness folder)";

    public async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length > 0)
        {
            await Error.WriteLineAsync($"sign-checkpoint takes no options, not '{string.Join(' ', args)}'.\nusage: {Usage}");
            return Unusable;
        }
        var started = Stopwatch.GetTimestamp();
        AuditCheckpoint checkpoint;
        try
        {
            checkpoint = await services.GetRequiredService<CheckpointService>().CreateAsync(CheckpointService.OnDemand, CancellationToken.None);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Microsoft.Data.SqlClient.SqlException or InvalidOperationException)
        {
            await Error.WriteLineAsync($"No checkpoint was signed: {e.Message}");
            return Unusable;
        }
        await Output.WriteLineAsync(
            $"Signed checkpoint {checkpoint.Number} over events 1–{checkpoint.HeadSequence:N0}, head hash {checkpoint.HeadHash}, tree root {checkpoint.TreeRoot} " +
            $"({Stopwatch.GetElapsedTime(started).TotalMilliseconds:N0} ms)");
        return 0;
    }
}
