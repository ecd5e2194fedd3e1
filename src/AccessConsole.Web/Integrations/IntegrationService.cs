using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Integrations;

public sealed record IntegrationRow(
    Guid Id, string Name, IntegrationKind Kind, bool IsFirstParty, IReadOnlyList<string> ClientIdentifiers,
    AccessValue Access, int AccessVersion, AccessProvenance Provenance, int OrganizationCount, long RecentRequests,
    Guid? VendorOrganizationId, string? VendorOrganizationName);

public sealed record IntegrationUserRow(
    Guid UseId, Guid OrganizationId, string OrganizationName, Tier Tier, AccessState OrganizationState,
    AccessState UseState, DateTime LastSeenAt, long RecentRequests);

public enum IntegrationUserSort
{
    Requests,
    Organization,
    Tier,
    LastSeen,
}

public sealed record IntegrationUsersPage(IReadOnlyList<IntegrationUserRow> Rows, int TotalCount);

/// <summary>The integration catalog, and who uses each integration.</summary>
public sealed class IntegrationService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor)
{
    public async Task<IReadOnlyList<IntegrationRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var integrations = await db.Integrations.AsNoTracking().OrderBy(i => i.Name).ToListAsync(cancellationToken);
        var use = await db.OrganizationIntegrations.GroupBy(oi => oi.IntegrationId)
            .Select(g => new { IntegrationId = g.Key, Count = g.Count(), Requests = g.Sum(oi => oi.RecentRequests) })
            .ToDictionaryAsync(x => x.IntegrationId, cancellationToken);
        var vendorIds = integrations.Where(i => i.VendorOrganizationId != null).Select(i => i.VendorOrganizationId!.Value).ToList();
        var vendors = await db.Organizations.Where(o => vendorIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        return integrations.Select(i => new IntegrationRow(
            i.Id, i.Name, i.Kind, i.IsFirstParty, i.ClientIdentifiers, i.Access, i.AccessVersion, i.Provenance,
            use.TryGetValue(i.Id, out var u) ? u.Count : 0, u?.Requests ?? 0,
            i.VendorOrganizationId, i.VendorOrganizationId is { } v ? vendors.GetValueOrDefault(v) : null)).ToList();
    }

    public async Task<IntegrationRow?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).SingleOrDefault(i => i.Id == id);

    public async Task<IntegrationUsersPage> UsersAsync(Guid integrationId, int skip, int take, CancellationToken cancellationToken = default) =>
        await UsersAsync(integrationId, skip, take, IntegrationUserSort.Requests, descending: true, cancellationToken);

    public async Task<IntegrationUsersPage> UsersAsync(Guid integrationId, int skip, int take, IntegrationUserSort sort, bool descending,
        CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = db.OrganizationIntegrations.Where(oi => oi.IntegrationId == integrationId)
            .Join(db.Organizations, oi => oi.OrganizationId, o => o.Id, (oi, o) => new { Use = oi, Organization = o });
        var total = await users.CountAsync(cancellationToken);
        var sorted = (sort, descending) switch
        {
            (IntegrationUserSort.Organization, false) => users.OrderBy(x => x.Organization.NormalizedName),
            (IntegrationUserSort.Organization, true) => users.OrderByDescending(x => x.Organization.NormalizedName),
            (IntegrationUserSort.Tier, false) => users.OrderBy(x => x.Organization.Tier),
            (IntegrationUserSort.Tier, true) => users.OrderByDescending(x => x.Organization.Tier),
            (IntegrationUserSort.LastSeen, false) => users.OrderBy(x => x.Use.LastSeenAt),
            (IntegrationUserSort.LastSeen, true) => users.OrderByDescending(x => x.Use.LastSeenAt),
            (_, false) => users.OrderBy(x => x.Use.RecentRequests),
            _ => users.OrderByDescending(x => x.Use.RecentRequests),
        };
        var rows = await sorted.ThenBy(x => x.Use.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 100))
            .Select(x => new IntegrationUserRow(x.Use.Id, x.Organization.Id, x.Organization.Name, x.Organization.Tier,
                x.Organization.AccessState, x.Use.AccessState, x.Use.LastSeenAt, x.Use.RecentRequests))
            .ToListAsync(cancellationToken);
        return new IntegrationUsersPage(rows, total);
    }
}
