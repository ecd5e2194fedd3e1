using AccessConsole.Web.Access;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Bulk;

/// <summary>
/// The demo data loaded into memory, and a segment's answer worked out from those rows with plain LINQ-to-objects:
/// an independent reckoning to hold the service's database query against.
/// </summary>
public sealed class DemoRows
{
    public sealed record Org(Guid Id, string Name, Tier Tier, AccessState State);
    public sealed record Use(Guid Id, Guid OrganizationId, Guid IntegrationId, AccessState State, long RecentRequests);
    public sealed record Usage(Guid OrganizationId, DateTime Day, int ActiveHours, long Requests);

    public required List<Org> Organizations { get; init; }
    public required List<(Guid OrganizationId, string Tag)> Tags { get; init; }
    public required List<Use> Uses { get; init; }
    public required List<Usage> DailyUsage { get; init; }
    public required List<(Guid Id, Guid OrganizationId)> Keys { get; init; }

    public static async Task<DemoRows> LoadAsync(BulkTestApp app)
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return new DemoRows
        {
            Organizations = (await db.Organizations.AsNoTracking().ToListAsync()).Select(o => new Org(o.Id, o.Name, o.Tier, o.AccessState)).ToList(),
            Tags = (await db.OrganizationTags.AsNoTracking().ToListAsync()).Select(t => (t.OrganizationId, t.Tag)).ToList(),
            Uses = (await db.OrganizationIntegrations.AsNoTracking().ToListAsync())
                .Select(u => new Use(u.Id, u.OrganizationId, u.IntegrationId, u.AccessState, u.RecentRequests)).ToList(),
            DailyUsage = (await db.DailyUsage.AsNoTracking().ToListAsync()).Select(u => new Usage(u.OrganizationId, u.Day, u.ActiveHours, u.Requests)).ToList(),
            Keys = (await db.ApiKeys.AsNoTracking().ToListAsync()).Select(k => (k.Id, k.OrganizationId)).ToList(),
        };
    }

    /// <summary>The organizations a segment's criteria select, reckoned by hand.</summary>
    public HashSet<Guid> OrganizationsOf(Segment segment, DateTime today)
    {
        IEnumerable<Org> selected = Organizations;
        if (segment.Tag is { } tag) selected = selected.Where(o => Tags.Contains((o.Id, tag)));
        if (segment.Tiers.Count > 0) selected = selected.Where(o => segment.Tiers.Contains(o.Tier));
        if (segment.Subjects == SegmentSubjects.Organizations && segment.IntegrationId is { } integration)
        {
            selected = selected.Where(o => Uses.Any(u => u.OrganizationId == o.Id && u.IntegrationId == integration));
        }
        if (segment.Subjects == SegmentSubjects.Organizations && segment.State is { } state) selected = selected.Where(o => o.State == state);
        if (segment.Usage is { } usage) selected = selected.Where(o => BusyDays(o.Id, usage, today) >= usage.MinDays);
        if (segment.Organizations.Count > 0)
        {
            selected = selected.Where(o => segment.Organizations.Any(entry =>
                string.Equals(entry, o.Name, StringComparison.OrdinalIgnoreCase) || entry == o.Id.ToString()));
        }
        return selected.Select(o => o.Id).ToHashSet();
    }

    /// <summary>The subjects of a segment, reckoned by hand: organizations, or their uses of the integration.</summary>
    public HashSet<Guid> SubjectsOf(Segment segment, DateTime today)
    {
        var organizations = OrganizationsOf(segment, today);
        if (segment.Subjects == SegmentSubjects.Organizations) return organizations;
        return Uses.Where(u => u.IntegrationId == segment.IntegrationId && organizations.Contains(u.OrganizationId)
                               && (segment.State is null || u.State == segment.State))
            .Select(u => u.Id).ToHashSet();
    }

    /// <summary>Whole days of the window on which some key of the organization was active in at least H hours.</summary>
    private int BusyDays(Guid organizationId, UsagePattern usage, DateTime today)
    {
        var window = Enumerable.Range(1, usage.Days).Select(back => today.AddDays(-back)).ToHashSet();
        return DailyUsage.Where(u => u.OrganizationId == organizationId && window.Contains(u.Day) && u.ActiveHours >= usage.MinHours)
            .Select(u => u.Day).Distinct().Count();
    }
}
