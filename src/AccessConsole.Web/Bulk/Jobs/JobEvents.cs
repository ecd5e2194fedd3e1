using System.Text.Json;
using AccessConsole.Web.Access;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Security;

namespace AccessConsole.Web.Bulk.Jobs;

/// <summary>
/// The audit events about jobs themselves: a bulk change submitted, and a change's approval requested, approved,
/// rejected or expired. They change no access (no access before or after) and carry the job's id as correlation id,
/// like every change the job makes.
/// </summary>
public static class JobEvents
{
    public const string Submitted = "bulk.submit";
    public const string ApprovalRequested = "approval.request";
    public const string Approved = "approval.approve";
    public const string Rejected = "approval.reject";
    public const string Expired = "approval.expire";
    public const string Scheduled = "schedule.submit";
    public const string ScheduleCancelled = "schedule.cancel";

    /// <summary>What an event about a job names as its subject when the job is not about one subject.</summary>
    public const string JobSubjectKind = "ChangeJob";

    /// <summary>An event about a job; a single change's job names its one subject, any other job names itself.</summary>
    public static AuditEvent Of(string action, Actor actor, ChangeJob job, ChangeJobItem? single, DateTime now, string justification,
        object details, Actor? approver = null) => new(actor, now, action)
    {
        SubjectKind = single?.SubjectKind.ToString() ?? JobSubjectKind,
        SubjectId = (single?.SubjectId ?? job.Id).ToString("D"),
        SubjectName = single?.SubjectName ?? job.Summary,
        OrganizationId = single?.OrganizationId,
        OrganizationName = single?.OrganizationName,
        ReasonCode = job.ReasonCode,
        Justification = justification,
        TicketReference = job.TicketReference,
        PolicyClause = job.PolicyClause,
        CorrelationId = job.Id,
        ApproverId = approver?.Id,
        ApproverName = approver?.Name,
        Details = JsonSerializer.Serialize(details, AccessSubjectConfiguration.Json),
    };

    /// <summary>The job's definition, for the event that submits it or asks approval for it.</summary>
    public static object Definition(ChangeJob job, DateTime? takesEffect = null) => new
    {
        job = job.Id,
        origin = job.Origin.ToString(),
        change = job.Change.ToString(),
        subjects = job.Total,
        segment = job.Segment is null ? (JsonElement?)null : JsonDocument.Parse(job.Segment).RootElement.Clone(),
        restriction = job.Restriction,
        takesEffect,
        until = job.Until,
        restoreFullAccess = job.RestoreFullAccess ? true : (bool?)null,
        undoes = job.UndoesJobId,
        notice = job.Notice is { } notice ? new { subject = notice.Subject, text = notice.Body, perOrganization = notice.PerOrganization } : null,
    };
}
