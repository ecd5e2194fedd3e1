using System.Globalization;
using System.Text.RegularExpressions;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>
/// The export of the newest million events and the verification of the whole chain, each by the app's own verb
/// in a process of its own (its peak working set is then the verb's alone).
/// </summary>
public static partial class BulkOperations
{
    private const long ExportedEvents = 1_000_000;

    /// <param name="compareRaw">Run each verb again with SQLite's hand-written paths off.</param>
    public static async Task RunAsync(string repositoryRoot, string database, PlainSql sql, bool compareRaw = false)
    {
        await RunVerbsAsync(repositoryRoot, database, sql, rawPaths: true);
        if (compareRaw) await RunVerbsAsync(repositoryRoot, database, sql, rawPaths: false);
    }

    private static async Task RunVerbsAsync(string repositoryRoot, string database, PlainSql sql, bool rawPaths)
    {
        var suffix = rawPaths ? "" : " [EF only]";
        var settings = new Dictionary<string, string>();
        if (!rawPaths) settings["Database__RawSqlitePaths"] = "false";
        var head = Convert.ToInt64(await sql.ScalarAsync("SELECT MAX(Sequence) FROM AuditEvents;"));
        var fromText = (string)(await sql.ScalarAsync("SELECT OccurredAt FROM AuditEvents WHERE Sequence = $s;", ("$s", Math.Max(1, head - ExportedEvents + 1))))!;
        var from = DateTime.SpecifyKind(DateTime.Parse(fromText, CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var fromOption = from.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var exported = Convert.ToInt64(await sql.ScalarAsync("SELECT COUNT(*) FROM AuditEvents WHERE OccurredAt >= $from;", ("$from", PlainSql.Time(from))));

        var file = Path.Combine(Path.GetTempPath(), $"accessconsole-export-{Guid.NewGuid():N}.jsonl");
        try
        {
            var export = await ChildRun.VerbAsync(repositoryRoot, database, settings, "export-audit", "--format", "jsonl", "--out", file, "--from", fromOption);
            Report($"audit export (JSON Lines, {exported:N0} events){suffix}", export, exported, export.Elapsed);
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".manifest.json");
        }

        var verify = await ChildRun.VerbAsync(repositoryRoot, database, settings, "verify-audit");
        var events = Convert.ToInt64(await sql.ScalarAsync("SELECT MAX(Sequence) FROM AuditEvents;"));
        var inner = SecondsInOutput().Match(verify.Output) is { Success: true } m
            ? TimeSpan.FromSeconds(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            : verify.Elapsed;
        Report($"verify-audit ({events:N0} events){suffix}", verify, events, inner);
    }

    private static void Report(string name, ChildRun.Outcome outcome, long events, TimeSpan work)
    {
        Console.WriteLine($"{name,-44} {events / work.TotalSeconds,10:N0} events/s  {work.TotalSeconds,7:N1} s  peak working set {outcome.PeakWorkingSet / (1 << 20),5:N0} MiB  (process wall {outcome.Elapsed.TotalSeconds:N1} s, exit {outcome.ExitCode})");
        if (outcome.ExitCode != 0) Console.WriteLine("  " + outcome.Output.ReplaceLineEndings("\n  "));
    }

    [GeneratedRegex(@"\(([0-9.]+) s\)\s*$")]
    private static partial Regex SecondsInOutput();
}
