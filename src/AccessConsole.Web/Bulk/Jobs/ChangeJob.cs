using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Notices;
using AccessConsole.Web.Security;
using AccessConsole.Web.Shared;

namespace AccessConsole.Web.Bulk.Jobs;

public enum JobOrigin
{
    /// <summary>A change over a segment.</summary>
    Bulk,

    /// <summary>Restores every subject a bulk change changed.</summary>
    Undo,

    /// <summary>A change of one subject that waited for approval.</summary>
    Single,

    /// <summary>A change of a platform rule, which always waits for approval.</summary>
    Rule,
}

public enum JobState
{
    AwaitingApproval,

    /// <summary>Waits for the time its scheduled change takes effect.</summary>
    Scheduled,
    Queued,
    Running,
    Completed,
    Rejected,
    Expired,

    /// <summary>A scheduled change cancelled before its time.</summary>
    Cancelled,
}

/// <summary>
/// A change applied to a snapshot of subjects, one transaction per subject, so that it survives a restart: its
/// definition, its subjects (<see cref="ChangeJobItem"/>), its state and progress. Its id is the correlation id of
/// every audit event it causes.
/// </summary>
public class ChangeJob
{
    public Guid Id { get; set; }
    public JobOrigin Origin { get; set; }
    public string Summary { get; set; } = "";

    /// <summary>The segment it was chosen by, as JSON (bulk changes only).</summary>
    public string? Segment { get; set; }

    public Guid? UndoesJobId { get; set; }

    /// <summary>The platform rule change proposed, as JSON (rule changes only).</summary>
    public string? RuleProposal { get; set; }

    public ChangeKind Change { get; set; }
    public string ReasonCode { get; set; } = "";
    public string Justification { get; set; } = "";
    public string? TicketReference { get; set; }
    public string? PolicyClause { get; set; }
    public DateTime? Until { get; set; }
    public Restriction? Restriction { get; set; }
    public bool RestoreFullAccess { get; set; }

    /// <summary>
    /// The notice the job sends; null for none. A bulk change's is wording with placeholders, rendered for each
    /// organization it changes; a one-subject job's is the notice as the person confirmed it, already rendered.
    /// </summary>
    public string? NoticeSubject { get; set; }

    public string? NoticeBody { get; set; }

    public JobState State { get; set; }
    public string RequestedById { get; set; } = "";
    public string RequestedByName { get; set; } = "";
    public string RequestedByRoles { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? ApproverId { get; set; }
    public string? ApproverName { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public int Total { get; set; }
    public int Changed { get; set; }
    public int NotChanged { get; set; }

    /// <summary>Why the last run stopped before the end (it resumes by itself).</summary>
    public string? LastError { get; set; }

    public bool IsUnfinished => State is JobState.Queued or JobState.Running;

    /// <summary>A job about one subject (a single change or a rule change): its events name that subject.</summary>
    public bool HasOneSubject => OneSubject(Origin);

    /// <summary>A single change and a rule change each have one subject; a bulk change has many.</summary>
    public static bool OneSubject(JobOrigin origin) => origin is JobOrigin.Single or JobOrigin.Rule;

    /// <summary>Cuts a text to a column's length, marking the cut.</summary>
    public static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public Actor RequestedBy => new(RequestedById, RequestedByName, RequestedByRoles.Split(',', StringSplitOptions.RemoveEmptyEntries));

    public Actor? Approver => ApproverId is null ? null : new Actor(ApproverId, ApproverName ?? ApproverId, []);

    public AccessChangeRequest RequestFor(SubjectRef subject, int expectedVersion) => new()
    {
        Subject = subject,
        Kind = Change,
        ExpectedVersion = expectedVersion,
        ReasonCode = ReasonCode,
        Justification = Justification,
        TicketReference = TicketReference,
        PolicyClause = PolicyClause,
        Until = Until,
        Restriction = Restriction,
        RestoreFullAccess = RestoreFullAccess,
        CorrelationId = Id,
        Notice = Notice,
    };

    /// <summary>The notice the job keeps, if any: for a bulk change the wording each organization's is rendered from.</summary>
    public CustomerNotice? Notice => NoticeSubject is null || NoticeBody is null ? null : new CustomerNotice(NoticeSubject, NoticeBody, PerOrganization: !HasOneSubject);

    /// <summary>A new job carrying the change's terms, requested by the actor.</summary>
    public static ChangeJob For(AccessChangeRequest terms, JobOrigin origin, Actor requester, DateTime now) => new()
    {
        Id = NewIds.Next(),
        Origin = origin,
        Change = terms.Kind,
        ReasonCode = terms.ReasonCode ?? "",
        Justification = terms.Justification?.Trim() ?? "",
        TicketReference = string.IsNullOrWhiteSpace(terms.TicketReference) ? null : terms.TicketReference.Trim(),
        PolicyClause = string.IsNullOrWhiteSpace(terms.PolicyClause) ? null : terms.PolicyClause.Trim(),
        Until = terms.Until,
        Restriction = terms.Kind == ChangeKind.Restrict ? terms.Restriction : null,
        RestoreFullAccess = terms.Kind == ChangeKind.Restore && terms.RestoreFullAccess,
        NoticeSubject = terms.Notice?.Subject.Trim(),
        NoticeBody = terms.Notice is { } notice ? NoticeText.Canonical(notice.Body) : null,
        RequestedById = requester.Id,
        RequestedByName = requester.Name,
        RequestedByRoles = string.Join(",", requester.Roles),
        CreatedAt = now,
    };
}
