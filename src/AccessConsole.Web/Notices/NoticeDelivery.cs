namespace AccessConsole.Web.Notices;

/// <summary>What became of a change's notice so far, for the organization's timeline.</summary>
public sealed record NoticeDelivery(string Recipients, string Subject, int Attempts, DateTime? DeliveredAt, DateTime? LastAttemptAt, string? LastError, DateTime NextAttemptAt)
{
    public string Status => this switch
    {
        { DeliveredAt: { } at } => $"delivered {at:yyyy-MM-dd HH:mm:ss} UTC" + (Attempts > 1 ? $", on attempt {Attempts} ({Attempts - 1} failed before)" : ""),
        { Attempts: 0 } => "waiting to be sent",
        _ => $"not delivered yet: attempt {Attempts} failed at {LastAttemptAt:yyyy-MM-dd HH:mm:ss} UTC ({LastError}); next try {NextAttemptAt:yyyy-MM-dd HH:mm:ss} UTC",
    };
}
