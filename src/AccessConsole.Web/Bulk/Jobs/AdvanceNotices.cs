using System.Text.Json;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Notices;

namespace AccessConsole.Web.Bulk.Jobs;

/// <summary>
/// A job's notice sent ahead of its time, so that the customer has warning: when a bulk change is scheduled, or when
/// a change is approved to take effect later. Each is written in the transaction of the event that schedules or
/// approves the change, and carries the job's id, so that the change applied at its time sends none again.
/// </summary>
public static class AdvanceNotices
{
    public const string SendAction = "notice.send";

    /// <summary>
    /// A one-subject job's notice (already rendered), sent at its approval: answered for the caller to record in the
    /// approval's event and then add; null when the job has none, or noticed the organization already.
    /// </summary>
    public static async Task<NoticeOutbox.Prepared?> ForOneSubjectAsync(
        AccessConsoleDbContext db, ChangeJob job, ChangeJobItem item, DateTime takesEffect, DateTime now, CancellationToken ct)
    {
        if (job.Notice is not { } notice) return null;
        var change = new NoticeChange(item.Subject, job.ReasonCode, await AfterAsync(db, job, item, ct), takesEffect, job.Until, job.PolicyClause);
        var (prepared, _) = await NoticeOutbox.PrepareAsync(db, item.OrganizationId, notice, change, job.Id, now, ct);
        return prepared;
    }

    /// <summary>
    /// A bulk change's notices: one per organization of its fixed subjects, rendered for each, each recorded in a
    /// <see cref="SendAction"/> event of its own that names the event announcing the change, appended after it.
    /// Answers how many were written to the outbox (an organization without contacts gets an event saying so, and none).
    /// </summary>
    public static async Task<int> ForOrganizationsAsync(AccessConsoleDbContext db, ChangeJob job, IReadOnlyList<ChangeJobItem> items,
        AuditEvent announcing, DateTime takesEffect, DateTime now, CancellationToken ct)
    {
        if (job.Notice is not { PerOrganization: true } wording) return 0;
        var sends = new List<(AuditEvent Event, NoticeOutbox.Prepared Notice)>();
        foreach (var item in items.Where(i => i.OrganizationId is not null).OrderBy(i => i.Position).DistinctBy(i => i.OrganizationId))
        {
            var change = new NoticeChange(item.Subject, job.ReasonCode, await AfterAsync(db, job, item, ct), takesEffect, job.Until, job.PolicyClause);
            var (prepared, _) = await NoticeOutbox.PrepareAsync(db, item.OrganizationId, wording, change, job.Id, now, ct);
            if (prepared is not null) sends.Add((Event(job, item, announcing, prepared), prepared));
        }
        await AuditLog.AppendAsync(db, sends.Select(s => s.Event), ct);
        foreach (var (sent, notice) in sends) NoticeOutbox.Add(db, notice, sent);
        return sends.Count(s => s.Notice.Message is not null);
    }

    /// <summary>
    /// The access the change announces for a subject. A restore to the access before the last change depends on the
    /// subject: it is the one it would get now (the change applied later skips a subject changed in between).
    /// </summary>
    private static async Task<AccessValue> AfterAsync(AccessConsoleDbContext db, ChangeJob job, ChangeJobItem item, CancellationToken ct)
    {
        switch (job.Change)
        {
            case ChangeKind.Revoke:
                return AccessValue.Revoked(job.Until);
            case ChangeKind.Restrict:
                return AccessValue.Restricted(job.Restriction ?? Restriction.None, job.Until);
            case ChangeKind.Restore when job.RestoreFullAccess:
                return AccessValue.Active;
            default:
                if (await SubjectStore.LoadAsync(db, item.Subject, ct) is not { } subject) return AccessValue.Active;
                return (await AccessChangeService.UndoLastChangeAsync(db, subject.Entity, ct)).After ?? subject.Entity.Access;
        }
    }

    private static AuditEvent Event(ChangeJob job, ChangeJobItem item, AuditEvent announcing, NoticeOutbox.Prepared notice) => new()
    {
        OccurredAt = announcing.OccurredAt,
        ActorId = announcing.ActorId,
        ActorName = announcing.ActorName,
        ActorRoles = announcing.ActorRoles,
        Action = SendAction,
        SubjectKind = nameof(SubjectKind.Organization),
        SubjectId = item.OrganizationId!.Value.ToString("D"),
        SubjectName = item.OrganizationName,
        OrganizationId = item.OrganizationId,
        OrganizationName = item.OrganizationName,
        ReasonCode = job.ReasonCode,
        Justification = job.Justification,
        TicketReference = job.TicketReference,
        PolicyClause = job.PolicyClause,
        CorrelationId = job.Id,
        ApproverId = announcing.ApproverId,
        ApproverName = announcing.ApproverName,
        Details = NoticeOutbox.WithNotice(JsonSerializer.Serialize(new { announces = announcing.Sequence }, AccessSubjectConfiguration.Json), notice),
    };
}
