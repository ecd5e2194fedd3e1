namespace AccessConsole.Web.Gateway;

/// <summary>
/// Wakes whoever waits for access changes (the snapshot refresher, long-polling feeds) the moment this instance
/// commits one. Other instances' changes are seen by polling the audit log.
/// </summary>
public sealed class AccessChangeSignal
{
    private TaskCompletionSource pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref pulse, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next pulse or after the timeout, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref pulse).Task;
        await Task.WhenAny(next, Task.Delay(timeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }
}
