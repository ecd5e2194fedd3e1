namespace AccessConsole.Web.DemoData.History;

/// <summary>
/// The steps of the demo's past in the order of their time (then of their scheduling), each run with the clock at its
/// time. A step may schedule later ones: a timed change schedules its lift, a request its decision or expiry.
/// </summary>
internal sealed class HistoryTimeline(HistoryClock clock)
{
    private readonly PriorityQueue<Func<Task>, (DateTime At, long Order)> steps = new();
    private long scheduled;

    public void At(DateTime time, Func<Task> step) => steps.Enqueue(step, (time, scheduled++));

    public async Task RunAsync()
    {
        while (steps.TryDequeue(out var step, out var when))
        {
            clock.MoveTo(when.At);
            await step();
        }
    }
}
