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

    public string Usage => "verify-audit";

    public async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length > 0)
        {
            await Error.WriteLineAsync($"verify-audit takes no options, not '{string.Join(' ', args)}'.\nusage: {Usage}");
            return Unusable;
        }
        ChainVerification result;
        try
        {
            result = await AuditVerifier.VerifyChainAsync(services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(), CancellationToken.None);
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
