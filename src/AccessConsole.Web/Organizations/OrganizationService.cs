using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Organizations;

/// <summary>Reads organizations for the list and the organization page. Every filter runs in the database.</summary>
public sealed class OrganizationService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock)
{
    public const int UsageDays = 90;

    public async Task<OrganizationList> ListAsync(OrganizationListQuery query, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var organizations = Filter(db, query);
        var total = await organizations.CountAsync(cancellationToken);
        var rows = await Sort(organizations, query)
            .Skip(Math.Max(0, query.Skip))
            .Take(Math.Clamp(query.Take, 1, OrganizationListQuery.MaxPageSize))
            .Select(o => new OrganizationRow(o.Id, o.Name, o.Tier, o.AccessState, o.AccountManager, o.CreatedAt,
                db.ApiKeys.Count(k => k.OrganizationId == o.Id)))
            .ToListAsync(cancellationToken);
        return new OrganizationList(rows, total);
    }

    public async Task<OrganizationDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Four reads on one opening of the connection: each opening registers EF's SQL functions on it again.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ReadDetailsAsync(db, id, cancellationToken);
        }
        finally
        {
            // Explicitly opened, so a pooled context would otherwise go back to the pool with it open.
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<OrganizationDetails?> ReadDetailsAsync(AccessConsoleDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var organization = await OrganizationQueries.WithDomainsAndTags.For(db)(db, id);
        if (organization is null) return null;
        var keys = await OrganizationQueries.Keys.For(db)(db, id).ToListAsync(cancellationToken);
        var integrations = await OrganizationQueries.Integrations.For(db)(db, id).ToListAsync(cancellationToken);
        var since = clock.GetUtcNow().UtcDateTime.Date.AddDays(-UsageDays + 1);
        var usage = await OrganizationQueries.UsageSince.For(db)(db, id, since).ToListAsync(cancellationToken);

        return new OrganizationDetails(
            organization.Id, organization.Name, organization.Tier, organization.AccountManager, organization.CreatedAt,
            organization.Domains.Select(d => d.Domain).Order().ToList(),
            organization.Tags.Select(t => t.Tag).Order().ToList(),
            organization.Access, organization.AccessVersion, organization.Provenance,
            keys.Select(k => new KeyRow(k.Id, k.Name, k.Masked, k.Purpose, k.CredentialKind, k.CreatedAt, k.CreatedBy,
                k.LastUsedAt, k.ExpiresAt, k.Access, k.AccessVersion, k.Provenance)).ToList(),
            integrations.Select(x => new IntegrationUseRow(x.Use.Id, x.Integration.Id, x.Integration.Name, x.Integration.Kind,
                x.Integration.IsFirstParty, x.Use.FirstSeenAt, x.Use.LastSeenAt, x.Use.RecentRequests,
                x.Use.Access, x.Use.AccessVersion, x.Use.Provenance, x.Integration.Access, x.Integration.Provenance)).ToList(),
            usage.OrderBy(u => u.Day).ToList());
    }

    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.OrganizationTags.Select(t => t.Tag).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }

    private static IQueryable<Organization> Filter(AccessConsoleDbContext db, OrganizationListQuery query)
    {
        var organizations = db.Organizations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.NamePrefix))
        {
            var range = PrefixRange.Of(Organization.Normalize(query.NamePrefix));
            organizations = organizations.Where(o => string.Compare(o.NormalizedName, range.From) >= 0 && string.Compare(o.NormalizedName, range.To) < 0);
        }
        if (query.State is { } state) organizations = organizations.Where(o => o.AccessState == state);
        if (query.Tier is { } tier) organizations = organizations.Where(o => o.Tier == tier);
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim();
            organizations = organizations.Where(o => db.OrganizationTags.Any(t => t.OrganizationId == o.Id && t.Tag == tag));
        }
        if (query.IntegrationId is { } integrationId)
        {
            organizations = organizations.Where(o => db.OrganizationIntegrations.Any(oi => oi.OrganizationId == o.Id && oi.IntegrationId == integrationId));
        }
        return organizations;
    }

    private static IQueryable<Organization> Sort(IQueryable<Organization> organizations, OrganizationListQuery query) =>
        (query.Sort, query.Descending) switch
        {
            (OrganizationSort.Tier, false) => organizations.OrderBy(o => o.Tier).ThenBy(o => o.NormalizedName),
            (OrganizationSort.Tier, true) => organizations.OrderByDescending(o => o.Tier).ThenBy(o => o.NormalizedName),
            (OrganizationSort.State, false) => organizations.OrderBy(o => o.AccessState).ThenBy(o => o.NormalizedName),
            (OrganizationSort.State, true) => organizations.OrderByDescending(o => o.AccessState).ThenBy(o => o.NormalizedName),
            (OrganizationSort.Created, false) => organizations.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id),
            (OrganizationSort.Created, true) => organizations.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
            (_, true) => organizations.OrderByDescending(o => o.NormalizedName).ThenBy(o => o.Id),
            _ => organizations.OrderBy(o => o.NormalizedName).ThenBy(o => o.Id),
        };
}
