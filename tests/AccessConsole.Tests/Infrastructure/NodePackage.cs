using System.Diagnostics;
using AccessConsole.Web.Hosting;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// A test helper that runs on Node.js from a folder of tests/ with its own package.json and lock file, installed by
/// the tests themselves when missing, so that `dotnet test` alone runs them. Without node or the package the tests
/// skip with the reason, unless E2E_REQUIRED=1, when they fail.
/// </summary>
public static class NodePackage
{
    /// <summary>Answers node and the helper's folder, installed; skips (or fails) the test when it cannot be had.</summary>
    public static (string Node, string Folder) Locate(string testsSubfolder, string package, string what)
    {
        var node = OnPath("node");
        var root = DevelopmentConfiguration.FindRepositoryRoot(AppContext.BaseDirectory);
        var folder = root is null ? null : Path.Combine(root, "tests", testsSubfolder);
        var reason = node is null
            ? $"Node.js is not installed ({what} runs on it)."
            : folder is null
                ? $"The tests run outside the repository, so {what} is not there."
                : EnsureInstalled(folder, package, testsSubfolder, what);
        if (reason is not null)
        {
            if (Environment.GetEnvironmentVariable("E2E_REQUIRED") == "1") Assert.Fail(reason + " E2E_REQUIRED=1, so this fails.");
            Assert.Skip(reason);
        }
        return (node!, folder!);
    }

    /// <summary>
    /// Installs the helper from its lock file when it is missing (npm ci, from npm's cache when it has the packages),
    /// once: the test projects run side by side, so the install is held under a lock file. Null when installed.
    /// </summary>
    private static string? EnsureInstalled(string folder, string package, string testsSubfolder, string what)
    {
        var installed = Path.Combine(folder, "node_modules", package, "package.json");
        if (File.Exists(installed)) return null;
        if (OnPath("npm") is not { } npm) return $"{what} is not installed, and npm is not there to install it.";

        using var installing = HoldLock(Path.Combine(Path.GetTempPath(), $"accessconsole-{testsSubfolder}-install.lock"));
        if (File.Exists(installed)) return null;
        var install = Process.Start(new ProcessStartInfo(npm, ["ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"])
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var errors = install.StandardError.ReadToEndAsync();
        install.StandardOutput.ReadToEnd();
        install.WaitForExit(TimeSpan.FromMinutes(3));
        return File.Exists(installed) ? null : $"{what} could not be installed with `npm ci` in tests/{testsSubfolder}: {errors.Result.Trim()}";
    }

    private static FileStream HoldLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>
    /// Starts a helper, and starts a new one if it has not said it is listening within 30 s, at most three times. A
    /// helper starts in about a second, but about one OpenID Connect provider start in 40 never got there: after loading
    /// its package, its main thread waited on a lock that nothing released (seen in /proc and with strace), for as long
    /// as it was left. The cause inside Node.js is not found. Each retry leaves a warning on the test that says what the
    /// silent process was doing.
    /// </summary>
    public static async Task<T> StartAsync<T>(Func<Task<T>> startOnce)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await startOnce();
            }
            catch (TimeoutException silent) when (attempt < 3)
            {
                TestContext.Current.AddWarning($"Attempt {attempt}: {silent.Message}");
            }
        }
    }

    /// <summary>Waits for a helper to say it is listening; if it has not within 30 s, says what its process is doing and quotes all it printed.</summary>
    public static async Task WaitUntilListeningAsync(Task listening, Process process, Func<string> printed, string what)
    {
        var timeout = TimeSpan.FromSeconds(30);
        try
        {
            await listening.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what} did not say it was listening within {timeout.TotalSeconds:0} s; its process {Describe(process)}. It printed:\n{printed()}");
        }
    }

    /// <summary>Whether the process still runs, and on Linux its scheduler state, the CPU time it used and what it waits in.</summary>
    private static string Describe(Process process)
    {
        if (process.HasExited) return $"exited with {process.ExitCode}";
        if (ProcStat.Fields($"/proc/{process.Id}/stat") is not { } fields) return "is still running";
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return $"is still running (state {fields[0]}, {ticks} CPU ticks used, waiting in {WaitChannel(process.Id)})";
    }

    private static string WaitChannel(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/wchan");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }

    /// <summary>Asks the helper to stop by closing its input, and ends it if it has not within five seconds.</summary>
    public static async Task StopAsync(Process process)
    {
        if (process.HasExited) return;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static string? OnPath(string program) => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(dir => Path.Combine(dir, program))
        .FirstOrDefault(File.Exists);
}
