using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;

namespace AccessConsole.Web.Bulk.Jobs;

/// <summary>A job as the list shows it: what, by whom, where it stands.</summary>
public sealed record JobRow(
    Guid Id, JobOrigin Origin, string Summary, JobState State, string RequestedByName, DateTime CreatedAt, string? ApproverName,
    int Total, int Changed, int NotChanged, DateTime? FinishedAt, string? LastError)
{
    public int Processed => Changed + NotChanged;
}

public sealed record JobPage(IReadOnlyList<JobRow> Rows, int TotalCount);

/// <summary>The approval a job waited for, and its decision.</summary>
public sealed record JobApproval(Guid RequestId, ApprovalState State, string Rules, DateTime ExpiresAt, string? DecidedByName, DateTime? DecidedAt, string? Comment);

/// <summary>A job with its whole definition, its approval, and whether it can be undone (or why not).</summary>
public sealed record JobDetails(
    JobRow Job, ChangeKind Change, string ReasonCode, string? ReasonLabel, string Justification, string? TicketReference, string? PolicyClause,
    DateTime? Until, Restriction? Restriction, bool RestoreFullAccess, Guid? UndoesJobId, Guid? UndoneByJobId, JobApproval? Approval,
    string? CannotUndo, Scheduling.ScheduledChange? Schedule = null, Notices.CustomerNotice? Notice = null)
{
    public bool CanUndo => CannotUndo is null;
}

public sealed record JobItemRow(int Position, SubjectKind Kind, Guid SubjectId, string SubjectName, Guid? OrganizationId,
    ItemOutcome Outcome, string? Message, long? AuditSequence, DateTime? ProcessedAt);

public sealed record JobItemPage(IReadOnlyList<JobItemRow> Rows, int TotalCount);
