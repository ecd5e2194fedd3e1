using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;

namespace AccessConsole.Web.Bulk.Jobs;

public enum ItemOutcome
{
    Pending,
    Changed,
    NotChanged,
}

/// <summary>
/// One subject of a job, as it was when the job was made (the version the change was decided on), and what happened
/// to it. Its outcome is written in the same transaction as the subject's change, so a job knows exactly what it did.
/// </summary>
public class ChangeJobItem
{
    public Guid JobId { get; set; }
    public int Position { get; set; }
    public SubjectKind SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public string SubjectName { get; set; } = "";
    public Guid? OrganizationId { get; set; }
    public string? OrganizationName { get; set; }
    public int ExpectedVersion { get; set; }

    public ItemOutcome Outcome { get; set; }
    public string? Message { get; set; }
    public long? AuditSequence { get; set; }
    public int? VersionAfter { get; set; }
    public DateTime? ProcessedAt { get; set; }

    public SubjectRef Subject => new(SubjectKind, SubjectId);
}
