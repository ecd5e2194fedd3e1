using AccessConsole.Web.Data;
using AccessConsole.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Verification;

/// <summary><c>verify-audit</c>: recomputes the chain, prints the answer, exits 1 when it is broken.</summary>
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
        try
        {
            result = await AuditVerifier.VerifyChainAsync(services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(), CancellationToken.None, recorded);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Microsoft.Data.SqlClient.SqlException or InvalidOperationException)
        {
            await Error.WriteLineAsync($"The audit log could not be read: {e.Message}");
            return Unusable;
        }
        await Output.WriteLineAsync($"{result.Summary} ({result.Elapsed.TotalSeconds:N1} s)");
        return result.IsIntact ? 0 : Broken;
    }
}
