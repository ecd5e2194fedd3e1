using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Hosting;
using AccessConsole.Web.Security;
using Microsoft.Extensions.Primitives;

namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// <c>export-audit --format csv|jsonl --out FILE [filters]</c>: the export of a search to FILE and its manifest to
/// FILE.manifest.json, audited as an export by the operator (whoever can run this holds the database's keys).
/// </summary>
public sealed class ExportAuditVerb(TextWriter? output = null, TextWriter? error = null) : ICommandLineVerb
{
    public const int Unusable = 2;
    public const int NotAudited = 1;
    private const string Out = "out";

    private TextWriter Output => output ?? Console.Out;
    private TextWriter Error => error ?? Console.Error;

    public string Name => "export-audit";

    public string Usage =>
        "export-audit --format csv|jsonl --out FILE [--organization ID] [--actor ID] [--action ACTION] [--reason CODE] [--subject ID] [--from DATE] [--to DATE]";

    public async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var options = CommandLineVerbs.Options(args);
        var search = AuditSearchParameters.Parse(options.Select(o => KeyValuePair.Create(o.Key, new StringValues(o.Value))), ExportFormats.Parameter, Out);
        var errors = search.Errors.ToList();
        if (search.Cursor != AuditCursor.Newest) errors.Add("An export takes every event of the search: leave out --before and --after.");
        var format = ExportFormats.Parse(options.GetValueOrDefault(ExportFormats.Parameter));
        if (format is null) errors.Add($"--format must be {ExportFormats.Expected}.");
        var path = options.GetValueOrDefault(Out) is { } given && given != "true" ? Path.GetFullPath(given) : null;
        if (path is null) errors.Add("--out must name the file to write.");
        else if (File.Exists(path) || File.Exists(AuditExportService.ManifestPathFor(path))) errors.Add($"{path} or its manifest exists already; an export never overwrites one.");
        if (errors.Count > 0)
        {
            await Error.WriteLineAsync(string.Join("\n", errors) + $"\nusage: {Usage}");
            return Unusable;
        }

        var operatorActor = new Actor($"operator:{Environment.UserName}", $"{Environment.UserName} (command line)", []);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        ExportManifest manifest;
        TimeSpan proofTime;
        try
        {
            (manifest, proofTime) = await services.GetRequiredService<AuditExportService>()
                .ExportFilesAsync(operatorActor, search.Filter, format!.Value, path!, CancellationToken.None);
        }
        catch (ExportNotAuditedException e)
        {
            await Error.WriteLineAsync(e.Message);
            return NotAudited;
        }
        await Output.WriteLineAsync(
            $"Exported {manifest.Count:N0} events to {path} (SHA-256 {manifest.Sha256}) in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s, " +
            $"of which the inclusion proof ({manifest.ProofEntries:N0} lines) {proofTime.TotalSeconds:N2} s; manifest in {AuditExportService.ManifestPathFor(path!)}.");
        return 0;
    }
}
