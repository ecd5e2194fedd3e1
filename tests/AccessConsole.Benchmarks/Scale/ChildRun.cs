using System.Diagnostics;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>
/// Runs one of the app's command-line verbs in a process of its own, so that its peak working set is its own,
/// sampled from the operating system while it runs.
/// </summary>
public static class ChildRun
{
    public sealed record Outcome(int ExitCode, TimeSpan Elapsed, long PeakWorkingSet, string Output);

    /// <param name="settings">Further settings, as environment variables.</param>
    public static async Task<Outcome> VerbAsync(string repositoryRoot, string databasePath, IReadOnlyDictionary<string, string> settings, params string[] verb)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "AccessConsole.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(repositoryRoot, "src", "AccessConsole.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(web);
        foreach (var argument in verb) start.ArgumentList.Add(argument);
        // Settings go by environment: the verbs take only their own options.
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__ConnectionString"] = $"Data Source={databasePath}";
        start.Environment["Authentication__Mode"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in settings) start.Environment[name] = value;

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The verb did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break;
            }
            await Task.Delay(50);
        }
        await process.WaitForExitAsync();
        return new Outcome(process.ExitCode, watch.Elapsed, peak, (await output + await error).Trim());
    }
}
