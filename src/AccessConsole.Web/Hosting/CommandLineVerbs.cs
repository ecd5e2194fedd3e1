using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Audit.Verification;
using AccessConsole.Web.DemoData;

namespace AccessConsole.Web.Hosting;

/// <summary>A command-line verb of the app (<c>dotnet run -- seed ...</c>) for operators.</summary>
public interface ICommandLineVerb
{
    string Name { get; }

    string Usage { get; }

    Task<int> RunAsync(IServiceProvider services, string[] args);
}

public static class CommandLineVerbs
{
    public static IReadOnlyList<ICommandLineVerb> All { get; } = [new SeedVerb(), new DemoKeysVerb(), new VerifyAuditVerb(), new ExportAuditVerb(), new SignCheckpointVerb()];

    public static ICommandLineVerb? Find(string[] args) =>
        args.Length > 0 ? All.FirstOrDefault(v => v.Name == args[0]) : null;

    /// <summary>Reads <c>--name value</c> pairs; a bare <c>--flag</c> reads as "true".</summary>
    public static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[args[i][2..]] = hasValue ? args[++i] : "true";
        }
        return options;
    }
}
