namespace AccessConsole.Web.DemoData.History;

/// <summary>
/// The clock of the demo's past: moved to the time of each step, and on a little at every reading, as time passes
/// while people work, so that the events of one step (a bulk job's subjects) are dated in order. It never goes back.
/// </summary>
internal sealed class HistoryClock(DateTime start) : TimeProvider
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(350);

    public DateTime Now { get; private set; } = start;

    public void MoveTo(DateTime time)
    {
        if (time > Now) Now = time;
    }

    public override DateTimeOffset GetUtcNow()
    {
        Now += Tick;
        return new(Now, TimeSpan.Zero);
    }
}
