using AccessConsole.Web.Access;
using AccessConsole.Web.Approvals;
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

        var filter = OrganizationListQueries.Of(query);
        var (skip, take) = (Math.Max(0, query.Skip), Math.Clamp(query.Take, 1, OrganizationListQuery.MaxPageSize));
        var rows = await OrganizationListQueries.Page(db, filter, query.Sort, query.Descending, skip, take).ToListAsync(cancellationToken);
        // A short page is the last one and gives the total without counting; an empty one past the end does not.
        var total = rows.Count < take && (rows.Count > 0 || skip == 0)
            ? skip + rows.Count
            : await OrganizationListQueries.CountAsync(db, filter);
        return new OrganizationList(rows, total);
    }

    public async Task<OrganizationDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Five reads on one opening of the connection: each opening registers EF's SQL functions on it again.
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
        if (await OrganizationQueries.Head.For(db)(db, id) is not (var organization, var keyCount, var reason)) return null;
        var domainsAndTags = await OrganizationQueries.DomainsAndTags.For(db)(db, id).ToListAsync(cancellationToken);
        var integrations = await OrganizationQueries.Integrations.For(db)(db, id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.Date.AddDays(-UsageDays + 1);
        var usage = await OrganizationQueries.UsageSince.For(db)(db, id, since).ToListAsync(cancellationToken);
        var pending = await PendingChanges.ForAsync(db, id, now, cancellationToken);

        return new OrganizationDetails(
            organization.Id, organization.Name, organization.Tier, organization.AccountManager, organization.CreatedAt,
            Marked(domainsAndTags, OrganizationQueries.DomainMark),
            Marked(domainsAndTags, OrganizationQueries.TagMark),
            organization.Access, organization.AccessVersion, organization.Provenance,
            keyCount,
            integrations,
            usage.OrderBy(u => u.Day).ToList(),
            pending,
            reason);
    }

    private static List<string> Marked(List<string> values, string mark) =>
        values.Where(v => v.StartsWith(mark, StringComparison.Ordinal)).Select(v => v[mark.Length..]).Order().ToList();

    /// <summary>A page of the organization's keys, each marked expired or not as of now.</summary>
    public async Task<KeyPage> KeysAsync(Guid organizationId, KeyListQuery query, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (skip, take) = (Math.Max(0, query.Skip), Math.Clamp(query.Take, 1, KeyListQuery.MaxPageSize));
        var rows = await OrganizationKeyQueries.Page(db, organizationId, query.Sort, query.Descending, skip, take).ToListAsync(cancellationToken);
        var total = rows.Count < take && (rows.Count > 0 || skip == 0)
            ? skip + rows.Count
            : await OrganizationKeyQueries.CountAsync(db, organizationId);
        var now = clock.GetUtcNow().UtcDateTime;
        return new KeyPage(rows.Select(k => k with { Expired = k.ExpiresAt <= now }).ToList(), total);
    }

    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.OrganizationTags.Select(t => t.Tag).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }
}
