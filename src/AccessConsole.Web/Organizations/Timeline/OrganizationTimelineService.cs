using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Organizations.Timeline;

/// <summary>One step of an organization's story: who changed what, from what to what, and why.</summary>
public sealed record TimelineEntry(
    long Sequence, DateTime OccurredAt, string ActorName, string ActorRoles, string Action,
    string? SubjectKind, string? SubjectName, AccessValue? Before, AccessValue? After,
    string? ReasonCode, string? ReasonLabel, string? Justification, string? TicketReference, string? PolicyClause,
    string? ApproverName, Guid? CorrelationId, Scheduling.ScheduleFacts? Schedule = null, Notices.NoticeDelivery? Notice = null);

/// <summary>Reads the audit events of one organization (its own, its keys' and its integrations'), newest first.</summary>
public sealed class OrganizationTimelineService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(Guid organizationId, long? beforeSequence = null, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = db.AuditEvents.AsNoTracking().Where(e => e.OrganizationId == organizationId);
        if (beforeSequence is { } before) events = events.Where(e => e.Sequence < before);
        var page = await events.OrderByDescending(e => e.Sequence).Take(PageSize).ToListAsync(cancellationToken);

        var codes = page.Select(e => e.ReasonCode).Where(c => c != null).Distinct().ToList();
        var labels = await db.ReasonCodes.Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Label, cancellationToken);
        var sequences = page.Select(e => e.Sequence).ToList();
        var notices = await db.NoticeOutbox.AsNoTracking().Where(m => sequences.Contains(m.AuditSequence))
            .Select(m => new { m.AuditSequence, Delivery = new Notices.NoticeDelivery(m.Recipients, m.Subject, m.Attempts, m.DeliveredAt, m.LastAttemptAt, m.LastError, m.NextAttemptAt) })
            .ToDictionaryAsync(m => m.AuditSequence, m => m.Delivery, cancellationToken);

        return page.Select(e => new TimelineEntry(
            e.Sequence, e.OccurredAt, e.ActorName, e.ActorRoles, e.Action, e.SubjectKind, e.SubjectName,
            e.AccessBefore is null ? null : AccessJson.Deserialize(e.AccessBefore),
            e.AccessAfter is null ? null : AccessJson.Deserialize(e.AccessAfter),
            e.ReasonCode, e.ReasonCode is null ? null : labels.GetValueOrDefault(e.ReasonCode, e.ReasonCode),
            e.Justification, e.TicketReference, e.PolicyClause, e.ApproverName, e.CorrelationId, Scheduling.ScheduleFacts.Of(e.Details),
            notices.GetValueOrDefault(e.Sequence))).ToList();
    }
}
