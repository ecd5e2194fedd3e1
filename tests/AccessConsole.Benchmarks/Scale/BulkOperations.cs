using System.Globalization;
using System.Text.RegularExpressions;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>
/// The export of the newest million events and of one organization's events, a checkpoint, and the verification of
/// the whole chain, each by the app's own verb in a process of its own (its peak working set is then the verb's alone).
/// An export's inclusion proof is timed inside the verb, so its speed with and without the proof come from one run.
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

        await ExportAsync(repositoryRoot, database, settings, $"audit export (JSON Lines, {exported:N0} events){suffix}", exported, "--from", fromOption);
        var organization = (string)(await sql.ScalarAsync(
            "SELECT OrganizationId FROM AuditEvents WHERE Sequence = $s;", ("$s", head / 2)))!;
        var ofOrganization = Convert.ToInt64(await sql.ScalarAsync("SELECT COUNT(*) FROM AuditEvents WHERE OrganizationId = $o;", ("$o", organization)));
        await ExportAsync(repositoryRoot, database, settings, $"audit export (one organization, {ofOrganization:N0} events){suffix}", ofOrganization,
            "--organization", organization.ToLowerInvariant());

        var checkpoint = await ChildRun.VerbAsync(repositoryRoot, database, settings, "sign-checkpoint");
        var signing = MillisecondsInOutput().Match(checkpoint.Output) is { Success: true } c
            ? TimeSpan.FromMilliseconds(double.Parse(c.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture))
            : checkpoint.Elapsed;
        Console.WriteLine($"{"checkpoint at " + head.ToString("N0", CultureInfo.InvariantCulture) + " events" + suffix,-44} {signing.TotalMilliseconds,10:N0} ms  (process wall {checkpoint.Elapsed.TotalSeconds:N1} s, exit {checkpoint.ExitCode})");
        if (checkpoint.ExitCode != 0) Console.WriteLine("  " + checkpoint.Output.ReplaceLineEndings("\n  "));

        var verify = await ChildRun.VerbAsync(repositoryRoot, database, settings, "verify-audit");
        var events = Convert.ToInt64(await sql.ScalarAsync("SELECT MAX(Sequence) FROM AuditEvents;"));
        var inner = SecondsInOutput().Match(verify.Output) is { Success: true } m
            ? TimeSpan.FromSeconds(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            : verify.Elapsed;
        Report($"verify-audit ({events:N0} events){suffix}", verify, events, inner);
    }

    private static async Task ExportAsync(string repositoryRoot, string database, Dictionary<string, string> settings, string name, long events, params string[] filter)
    {
        var file = Path.Combine(Path.GetTempPath(), $"accessconsole-export-{Guid.NewGuid():N}.jsonl");
        try
        {
            var export = await ChildRun.VerbAsync(repositoryRoot, database, settings, ["export-audit", "--format", "jsonl", "--out", file, .. filter]);
            Report(name, export, events, export.Elapsed);
            if (ProofInOutput().Match(export.Output) is { Success: true } m)
            {
                var (lines, proof) = (m.Groups[2].Value, double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
                var whole = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                Console.WriteLine($"  of which the inclusion proof ({lines} lines) {proof:N2} s: {events / whole:N0} events/s with it, {events / Math.Max(whole - proof, 0.001):N0} without it");
            }
        }
        finally
        {
            foreach (var written in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*")) File.Delete(written);
        }
    }

    private static void Report(string name, ChildRun.Outcome outcome, long events, TimeSpan work)
    {
        Console.WriteLine($"{name,-44} {events / work.TotalSeconds,10:N0} events/s  {work.TotalSeconds,7:N1} s  peak working set {outcome.PeakWorkingSet / (1 << 20),5:N0} MiB  (process wall {outcome.Elapsed.TotalSeconds:N1} s, exit {outcome.ExitCode})");
        if (outcome.ExitCode != 0) Console.WriteLine("  " + outcome.Output.ReplaceLineEndings("\n  "));
    }

    // verify-audit prints its time at the end of its first line; the checkpoints' answer follows on the next.
    [GeneratedRegex(@"\(([0-9.]+) s\)\r?$", RegexOptions.Multiline)]
    private static partial Regex SecondsInOutput();

    [GeneratedRegex(@"\(([0-9,]+) ms\)\s*$")]
    private static partial Regex MillisecondsInOutput();

    [GeneratedRegex(@" in ([0-9.]+) s, of which the inclusion proof \(([0-9,]+) lines\) ([0-9.]+) s")]
    private static partial Regex ProofInOutput();
}
