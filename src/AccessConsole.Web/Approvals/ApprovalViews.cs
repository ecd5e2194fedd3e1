using AccessConsole.Web.Bulk.Jobs;

namespace AccessConsole.Web.Approvals;

public enum ApprovalTab
{
    Pending,
    Mine,
    Decided,
}

/// <summary>A request as the approvals page lists it, with the progress of its change once approved.</summary>
public sealed record ApprovalRow(
    Guid Id, Guid JobId, JobOrigin Origin, string Summary, string Rules, string RequestedByName, bool IsMine,
    DateTime RequestedAt, DateTime ExpiresAt, ApprovalState State, string? DecidedByName, DateTime? DecidedAt, string? Comment,
    JobState JobState, int Total, int Changed, int NotChanged)
{
    public bool CanDecide => State == ApprovalState.Pending && !IsMine;
}

public sealed record ApprovalPage(IReadOnlyList<ApprovalRow> Rows, int TotalCount);

/// <summary>The answer to a decision: messages per field and nothing decided, or what became of the change.</summary>
public sealed record ApprovalDecision(IReadOnlyDictionary<string, string> Errors, string? Outcome = null)
{
    public bool Succeeded => Errors.Count == 0;

    public static ApprovalDecision Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message });

    public static ApprovalDecision Done(string outcome) => new(new Dictionary<string, string>(), outcome);
}

/// <summary>Names of the decision fields that messages attach to.</summary>
public static class DecisionFields
{
    public const string Request = nameof(Request);
    public const string Comment = nameof(Comment);
}
