namespace AccessConsole.Web.Approvals;

/// <summary>
/// Tells the approval lists open in this app instance that a request was made, decided or expired, so that they
/// reload without the person reloading the page. Raised after the commit; lists subscribe and unsubscribe when
/// disposed. It reaches the circuits of one process only: several instances behind a load balancer would need the
/// news passed between them (a message bus, or SQL Server change notifications), each instance raising it locally.
/// </summary>
public sealed class ApprovalNotifier(ILogger<ApprovalNotifier> logger)
{
    public event Func<Task>? Changed;

    public void Raise()
    {
        if (Changed is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
        {
            // A list's reload runs on its own circuit; one that fails or is slow must not hold up the others or the decision.
            _ = Task.Run(async () =>
            {
                try
                {
                    await handler();
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "An approval list could not reload.");
                }
            });
        }
    }
}
