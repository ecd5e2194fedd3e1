namespace AccessConsole.Tests.Infrastructure;

/// <summary>A process's or thread's line in Linux's /proc, for tests that look at how helper processes run.</summary>
public static class ProcStat
{
    /// <summary>
    /// The fields of a stat file after the command name (state, parent, …: the state is [0], the CPU ticks [11] and
    /// [12], the nice value [16]), or null when the process has gone.
    /// </summary>
    public static string[]? Fields(string path)
    {
        try
        {
            var stat = File.ReadAllText(path);
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
