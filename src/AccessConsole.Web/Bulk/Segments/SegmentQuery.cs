using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Bulk.Segments;

/// <summary>A segment as queries that run in the database; nothing here loads rows.</summary>
public static class SegmentQuery
{
    /// <summary>The organizations the segment's criteria select (for organization-integration subjects: whose use is changed).</summary>
    public static IQueryable<Organization> Organizations(AccessConsoleDbContext db, Segment segment, DateTime today)
    {
        var organizations = db.Organizations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(segment.Tag))
        {
            var tag = segment.Tag.Trim();
            organizations = organizations.Where(o => db.OrganizationTags.Any(t => t.OrganizationId == o.Id && t.Tag == tag));
        }
        if (segment.Tiers.Count > 0)
        {
            var tiers = segment.Tiers.Distinct().ToList();
            organizations = organizations.Where(o => tiers.Contains(o.Tier));
        }
        if (segment.Subjects == SegmentSubjects.Organizations)
        {
            if (segment.IntegrationId is { } integrationId)
            {
                organizations = organizations.Where(o => db.OrganizationIntegrations.Any(oi => oi.OrganizationId == o.Id && oi.IntegrationId == integrationId));
            }
            if (segment.State is { } state) organizations = organizations.Where(o => o.AccessState == state);
        }
        if (segment.Usage is { } usage)
        {
            // A join, not Contains: EF Core would correlate the grouped subquery and run it once per organization.
            organizations = organizations.Join(RoundTheClock(db, usage, today), o => o.Id, id => id, (o, _) => o);
        }
        if (segment.Organizations.Count > 0)
        {
            var (ids, names) = ExplicitList.Parse(segment.Organizations);
            organizations = organizations.Where(o => ids.Contains(o.Id) || names.Contains(o.NormalizedName));
        }
        return organizations;
    }

    /// <summary>For organization-integration subjects: each selected organization's use of the segment's integration.</summary>
    public static IQueryable<OrganizationIntegration> Uses(AccessConsoleDbContext db, Segment segment, DateTime today)
    {
        var organizations = Organizations(db, segment, today);
        var uses = db.OrganizationIntegrations.AsNoTracking()
            .Where(oi => oi.IntegrationId == segment.IntegrationId && organizations.Any(o => o.Id == oi.OrganizationId));
        return segment.State is { } state ? uses.Where(oi => oi.AccessState == state) : uses;
    }

    /// <summary>The ids of the organizations whose subjects are in the segment.</summary>
    public static IQueryable<Guid> OrganizationIds(AccessConsoleDbContext db, Segment segment, DateTime today) =>
        segment.Subjects == SegmentSubjects.Organizations
            ? Organizations(db, segment, today).Select(o => o.Id)
            : Uses(db, segment, today).Select(oi => oi.OrganizationId);

    public static IQueryable<SegmentMember> Members(AccessConsoleDbContext db, Segment segment, DateTime today)
    {
        if (segment.Subjects == SegmentSubjects.Organizations)
        {
            return Organizations(db, segment, today).Select(o => new SegmentMember
            {
                Kind = SubjectKind.Organization, Id = o.Id, Name = o.Name, SortKey = o.NormalizedName,
                OrganizationId = o.Id, OrganizationName = o.Name, Tier = o.Tier,
                State = o.AccessState, ReasonCode = o.AccessReasonCode, Version = o.AccessVersion,
            });
        }
        return from use in Uses(db, segment, today)
               join organization in db.Organizations on use.OrganizationId equals organization.Id
               join integration in db.Integrations on use.IntegrationId equals integration.Id
               select new SegmentMember
               {
                   // The name is the one the access service gives this subject on its audit events.
                   Kind = SubjectKind.OrganizationIntegration, Id = use.Id, Name = organization.Name + SubjectNames.ThroughSeparator + integration.Name,
                   SortKey = organization.NormalizedName, OrganizationId = organization.Id, OrganizationName = organization.Name,
                   Tier = organization.Tier, State = use.AccessState, ReasonCode = use.AccessReasonCode, Version = use.AccessVersion,
               };
    }

    /// <summary>
    /// Organizations with requests in at least H hours of the day on at least D of the last N whole UTC days. Usage
    /// records active hours per key; an organization's hours on a day are taken as those of its busiest key, because
    /// which hours different keys shared is not recorded (so this never overstates round-the-clock use).
    /// </summary>
    public static IQueryable<Guid> RoundTheClock(AccessConsoleDbContext db, UsagePattern usage, DateTime today)
    {
        var from = today.AddDays(-usage.Days);
        return db.DailyUsage
            .Where(u => u.Day >= from && u.Day < today && u.ActiveHours >= usage.MinHours)
            .Select(u => new { u.OrganizationId, u.Day })
            .Distinct()
            .GroupBy(u => u.OrganizationId)
            .Where(days => days.Count() >= usage.MinDays)
            .Select(days => days.Key);
    }
}
