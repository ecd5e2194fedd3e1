using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Bulk.Segments;

/// <summary>The preview's numbers, computed in the database: the same measures as a single change's impact.</summary>
public static class SegmentImpacts
{
    public static async Task<SegmentImpact> OfAsync(AccessConsoleDbContext db, Segment segment, DateTime today, CancellationToken ct)
    {
        var subjects = await SegmentQuery.Members(db, segment, today).CountAsync(ct);
        var organizations = SegmentQuery.OrganizationIds(db, segment, today);
        var since = Since(today);
        var keys = await db.ApiKeys.CountAsync(k => organizations.Contains(k.OrganizationId), ct);
        var requests = segment.Subjects == SegmentSubjects.Organizations
            ? await db.DailyUsage.Where(u => u.Day >= since && organizations.Contains(u.OrganizationId)).SumAsync(u => u.Requests, ct)
            : await SegmentQuery.Uses(db, segment, today).SumAsync(oi => oi.RecentRequests, ct);
        return new SegmentImpact(subjects, keys, requests);
    }

    public static async Task<IReadOnlyList<SegmentRow>> PageAsync(AccessConsoleDbContext db, Segment segment, DateTime today, int skip, int take, CancellationToken ct)
    {
        var members = await SegmentQuery.Members(db, segment, today).OrderBy(m => m.SortKey).ThenBy(m => m.Id).Skip(skip).Take(take).ToListAsync(ct);
        var ids = members.Select(m => m.OrganizationId).Distinct().ToList();
        var since = Since(today);
        var keys = await db.ApiKeys.Where(k => ids.Contains(k.OrganizationId)).GroupBy(k => k.OrganizationId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var requests = segment.Subjects == SegmentSubjects.Organizations
            ? await db.DailyUsage.Where(u => u.Day >= since && ids.Contains(u.OrganizationId)).GroupBy(u => u.OrganizationId)
                .Select(g => new { g.Key, Sum = g.Sum(u => u.Requests) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct)
            : await UseRequestsAsync(db, members.Select(m => m.Id).ToList(), ct);
        return members.Select(m => new SegmentRow(m.Kind, m.Id, m.Name, m.OrganizationId, m.Tier, m.State,
            keys.GetValueOrDefault(m.OrganizationId), requests.GetValueOrDefault(m.Kind == Access.SubjectKind.Organization ? m.OrganizationId : m.Id))).ToList();
    }

    private static DateTime Since(DateTime today) => today.AddDays(-ChangePreviewService.ImpactDays);

    private static Task<Dictionary<Guid, long>> UseRequestsAsync(AccessConsoleDbContext db, List<Guid> useIds, CancellationToken ct) =>
        db.OrganizationIntegrations.Where(oi => useIds.Contains(oi.Id)).ToDictionaryAsync(oi => oi.Id, oi => oi.RecentRequests, ct);
}
