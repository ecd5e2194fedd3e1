using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Security;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>The browser competes for the CPU on equal terms with the app it tests, even when the tests run as root.</summary>
public sealed class BrowserPriorityTests(SharedBrowserApp shared) : IClassFixture<SharedBrowserApp>
{
    [Fact]
    public async Task No_thread_of_the_browser_runs_above_normal_priority()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Reads process priorities from /proc.");
        var app = await shared.GetAsync();
        await app.SignInAsync("Sam Support", Roles.Support);

        var browserThreads = DescendantsOf(Environment.ProcessId).Where(IsChromium).SelectMany(ThreadNiceValues).ToList();

        Assert.NotEmpty(browserThreads);
        Assert.All(browserThreads, nice => Assert.True(nice >= 0, $"A browser thread runs at nice {nice}."));
    }

    private static IEnumerable<int> DescendantsOf(int root)
    {
        var parents = Directory.EnumerateDirectories("/proc")
            .Select(dir => int.TryParse(Path.GetFileName(dir), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Fields: ProcStat.Fields($"/proc/{pid}/stat")))
            .Where(p => p.Fields is not null)
            .ToDictionary(p => p.Pid, p => int.Parse(p.Fields![1]));
        var found = new HashSet<int> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, parent) in parents)
                if (found.Contains(parent) && found.Add(pid)) grew = true;
        } while (grew);
        found.Remove(root);
        return found;
    }

    private static bool IsChromium(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/exe").LinkTarget?.Contains("chromium", StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static IEnumerable<int> ThreadNiceValues(int pid)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{pid}/task")
                .Select(task => ProcStat.Fields(Path.Combine(task, "stat")))
                .Where(fields => fields is not null)
                .Select(fields => int.Parse(fields![16]))
                .ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
