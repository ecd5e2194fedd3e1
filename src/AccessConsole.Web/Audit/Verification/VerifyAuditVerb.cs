using AccessConsole.Web.Data;
using AccessConsole.Web.Hosting;
using Microsoft.EntityFrameworkCore;

using AccessConsole.Web.Audit.Checkpoints;

namespace AccessConsole.Web.Audit.Verification;

/// <summary><c>verify-audit</c>: recomputes the chain and checks the signed checkpoints, prints both answers, exits 1 when either fails.</summary>
public sealed class VerifyAuditVerb(TextWriter? output = null, TextWriter? error = null) : ICommandLineVerb
{
    public const int Broken = 1;
    public const int Unusable = 2;

    private TextWriter Output => output ?? Console.Out;
    private TextWriter Error => error ?? Console.Error;

    public string Name => "verify-audit";

    public string Usage => "verify-audit [--expect SEQUENCE:HASH]   (an event and hash noted earlier, to catch a cut-off or resealed log)";

    public async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var options = CommandLineVerbs.Options(args);
        var recorded = options.TryGetValue("expect", out var expected) ? RecordedEvent.Parse(expected) : null;
        if (options.Keys.Any(k => k != "expect") || args.Length != 2 * options.Count || expected is not null && recorded is null)
        {
            await Error.WriteLineAsync($"verify-audit takes only --expect SEQUENCE:HASH (a sequence number, a colon, 64 hex digits), not '{string.Join(' ', args)}'.\nusage: {Usage}");
            return Unusable;
        }
        ChainVerification result;
        CheckpointVerification checkpoints;
        var contexts = services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>();
        try
        {
            await BuildModelAsync(contexts);
            result = await AuditVerifier.VerifyChainAsync(contexts, CancellationToken.None, recorded);
            checkpoints = await services.GetRequiredService<CheckpointVerifier>().VerifyAsync(CancellationToken.None, result);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Microsoft.Data.SqlClient.SqlException or InvalidOperationException)
        {
            await Error.WriteLineAsync($"The audit log could not be read: {e.Message}");
            return Unusable;
        }
        await Output.WriteLineAsync($"{result.Summary} ({result.Elapsed.TotalSeconds:N1} s)");
        await Output.WriteLineAsync(checkpoints.Summary);
        return result.IsIntact && checkpoints.IsIntact ? 0 : Broken;
    }

    /// <summary>
    /// Builds EF Core's model before the verification's clock starts, as the web app does at start-up: the time printed
    /// is then the one the console's own Verify button takes, not this process's one-off second of set-up.
    /// </summary>
    private static async Task BuildModelAsync(IDbContextFactory<AccessConsoleDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        _ = db.Model;
    }
}
