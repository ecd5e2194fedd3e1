using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Data;
using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Rules;

public sealed record ImpactGroup(string Name, int Organizations, long Keys, long Requests);

public sealed record ImpactedOrganization(Guid Id, string Name, Tier Tier, long Keys, long Requests);

/// <summary>What a rule would have denied or restricted over the last days of usage, whole and broken down.</summary>
public sealed record RuleImpact(int Days, int Organizations, long Keys, long Requests,
    IReadOnlyList<ImpactGroup> ByTier, IReadOnlyList<ImpactGroup> ByIntegration, IReadOnlyList<ImpactedOrganization> Largest);

/// <summary>
/// A rule's impact from usage: one set-based query over the organizations in scope, their keys of the credential kind
/// and their requests of the last <see cref="ChangePreviewService.ImpactDays"/> days, by organization and integration;
/// the totals and breakdowns are added up from its rows. Usage is recorded per key and day, and per organization and
/// integration (not per key and integration): so for a rule about clients, the requests are the organization's
/// requests through the integrations in scope, with every key of the credential kind counted.
/// </summary>
public static class RuleImpacts
{
    public const int LargestShown = 10;
    private const string AllClients = "Any client";

    private sealed record Row(Guid Id, string Name, Tier Tier, string? Integration, long Keys, long Requests);

    public static async Task<RuleImpact> OfAsync(AccessConsoleDbContext db, RuleScope scope, DateTime today, CancellationToken ct)
    {
        var rows = await RowsQuery(db, scope, today.AddDays(-ChangePreviewService.ImpactDays)).ToListAsync(ct);
        var byOrganization = rows.GroupBy(r => r.Id)
            .Select(g => new ImpactedOrganization(g.Key, g.First().Name, g.First().Tier, g.First().Keys, g.Sum(r => r.Requests))).ToList();
        return new RuleImpact(
            ChangePreviewService.ImpactDays,
            byOrganization.Count,
            byOrganization.Sum(o => o.Keys),
            byOrganization.Sum(o => o.Requests),
            byOrganization.GroupBy(o => o.Tier).OrderBy(g => g.Key)
                .Select(g => new ImpactGroup(g.Key.ToString(), g.Count(), g.Sum(o => o.Keys), g.Sum(o => o.Requests))).ToList(),
            rows.GroupBy(r => r.Integration ?? AllClients).OrderByDescending(g => g.Sum(r => r.Requests)).ThenBy(g => g.Key)
                .Select(g => new ImpactGroup(g.Key, g.Select(r => r.Id).Distinct().Count(), g.Sum(r => r.Keys), g.Sum(r => r.Requests))).ToList(),
            byOrganization.OrderByDescending(o => o.Requests).ThenBy(o => o.Name).Take(LargestShown).ToList());
    }

    private static IQueryable<Row> RowsQuery(AccessConsoleDbContext db, RuleScope scope, DateTime since)
    {
        var organizations = db.Organizations.AsQueryable();
        if (scope.Tiers is { Count: > 0 } tiers) organizations = organizations.Where(o => tiers.Contains(o.Tier));
        if (scope.Tags is { Count: > 0 } tags) organizations = organizations.Where(o => db.OrganizationTags.Any(t => t.OrganizationId == o.Id && tags.Contains(t.Tag)));
        var kind = scope.CredentialKind;
        var keys = kind is { } k ? db.ApiKeys.Where(key => key.CredentialKind == k) : db.ApiKeys;
        // Each organization's keys of the kind counted once (on the (CredentialKind, OrganizationId) index), not once per use.
        var holders = keys.GroupBy(key => key.OrganizationId).Select(g => new { OrganizationId = g.Key, Keys = g.Count() });

        if (!scope.NamesClients)
        {
            var usage = kind is null
                ? db.DailyUsage.Where(u => u.Day >= since)
                : db.DailyUsage.Where(u => u.Day >= since && keys.Any(key => key.Id == u.ApiKeyId));
            return organizations
                .Join(holders, o => o.Id, h => h.OrganizationId, (o, h) => new
                {
                    o.Id, o.Name, o.Tier, h.Keys,
                    Requests = usage.Where(u => u.OrganizationId == o.Id).Sum(u => (long?)u.Requests) ?? 0,
                })
                .Select(r => new Row(r.Id, r.Name, r.Tier, null, r.Keys, r.Requests));
        }

        var integrations = db.Integrations.AsQueryable();
        if (scope.IntegrationId is { } only) integrations = integrations.Where(i => i.Id == only);
        if (scope.ThirdPartyClients) integrations = integrations.Where(i => !i.IsFirstParty);
        return db.OrganizationIntegrations
            .Join(integrations, oi => oi.IntegrationId, i => i.Id, (oi, i) => new { oi.OrganizationId, oi.RecentRequests, Integration = i.Name })
            .Join(organizations, x => x.OrganizationId, o => o.Id, (x, o) => new { o.Id, o.Name, o.Tier, x.Integration, x.RecentRequests })
            .Join(holders, x => x.Id, h => h.OrganizationId, (x, h) => new { x.Id, x.Name, x.Tier, x.Integration, x.RecentRequests, h.Keys })
            .Select(r => new Row(r.Id, r.Name, r.Tier, r.Integration, r.Keys, r.RecentRequests));
    }
}
