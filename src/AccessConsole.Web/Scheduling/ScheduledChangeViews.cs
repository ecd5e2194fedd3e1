using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk.Jobs;

namespace AccessConsole.Web.Scheduling;

public enum ScheduleState
{
    AwaitingApproval,
    Scheduled,
    Applying,
    Applied,
    Skipped,
    Cancelled,
    NotApproved,
}

/// <summary>A scheduled change as the pages show it: what, when, who scheduled it, and what became of it.</summary>
public sealed record ScheduledChangeRow(
    Guid JobId, JobOrigin Origin, string Summary, ChangeKind Change, DateTime TakesEffectAt, DateTime? Until, string ScheduledByName, bool IsMine,
    long SchedulingSequence, ScheduleState State, string? Reason, long? AppliedSequence, int Total, int Changed, int NotChanged)
{
    public bool CanCancel => State == ScheduleState.Scheduled;

    public string StateText => State switch
    {
        ScheduleState.AwaitingApproval => "Awaiting approval",
        ScheduleState.Scheduled => "Scheduled",
        ScheduleState.Applying => "Being applied",
        ScheduleState.Applied when ChangeJob.OneSubject(Origin) => "Applied",
        ScheduleState.Applied => $"Applied ({Changed:N0} changed, {NotChanged:N0} skipped)",
        ScheduleState.Skipped => "Skipped",
        ScheduleState.Cancelled => "Cancelled",
        _ => "Not approved",
    };

    /// <summary>What the state is, derived from the job that holds the change and, for one subject, its item.</summary>
    public static ScheduleState StateOf(JobState job, ItemOutcome? single) => job switch
    {
        JobState.AwaitingApproval => ScheduleState.AwaitingApproval,
        JobState.Scheduled => ScheduleState.Scheduled,
        JobState.Queued or JobState.Running => ScheduleState.Applying,
        JobState.Cancelled => ScheduleState.Cancelled,
        JobState.Rejected or JobState.Expired => ScheduleState.NotApproved,
        _ => single == ItemOutcome.NotChanged ? ScheduleState.Skipped : ScheduleState.Applied,
    };
}

/// <summary>The answer to a cancellation: messages per field and nothing changed, or done.</summary>
public sealed record CancelResult(IReadOnlyDictionary<string, string> Errors)
{
    public const string Reason = nameof(Reason);
    public const string Change = nameof(Change);

    public bool Succeeded => Errors.Count == 0;

    public static CancelResult Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}
