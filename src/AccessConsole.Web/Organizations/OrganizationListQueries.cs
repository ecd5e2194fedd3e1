using System.Linq.Expressions;
using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace AccessConsole.Web.Organizations;

/// <summary>
/// The organizations list as compiled queries: a LINQ query composed for each call had EF rebuild and hash its
/// expression tree, which cost more than the indexed read of a page itself. Every filter is a parameter that EF
/// leaves out of the SQL when absent (null), so each combination still gets the SQL of a query composed for it;
/// each sort is a query of its own, since the order cannot be a parameter.
/// </summary>
internal static class OrganizationListQueries
{
    /// <summary>The list's filters as the query reads them; null is "any".</summary>
    public sealed record Filter(string? NameFrom, string? NameTo, AccessState? State, Tier? Tier, string? Tag, Guid? IntegrationId);

    public static Filter Of(OrganizationListQuery query)
    {
        PrefixRange? name = string.IsNullOrWhiteSpace(query.NamePrefix) ? null : PrefixRange.Of(Organization.Normalize(query.NamePrefix));
        var tag = string.IsNullOrWhiteSpace(query.Tag) ? null : query.Tag.Trim();
        return new Filter(name?.From, name?.To, query.State, query.Tier, tag, query.IntegrationId);
    }

    public static Task<int> CountAsync(AccessConsoleDbContext db, Filter f) =>
        Count.For(db)(db, f.NameFrom, f.NameTo, f.State, f.Tier, f.Tag, f.IntegrationId);

    public static IAsyncEnumerable<OrganizationRow> Page(AccessConsoleDbContext db, Filter f, OrganizationSort sort, bool descending, int skip, int take) =>
        Pages[(sort, descending)].For(db)(db, f.NameFrom, f.NameTo, f.State, f.Tier, f.Tag, f.IntegrationId, skip, take);

    // Separate parameters: EF Core cannot translate members of a compiled query's parameter.
    private static readonly Expression<Func<AccessConsoleDbContext, string?, string?, AccessState?, Tier?, string?, Guid?, IQueryable<Organization>>> Filtered =
        (db, nameFrom, nameTo, state, tier, tag, integrationId) => db.Organizations
            .Where(o => nameFrom == null || (string.Compare(o.NormalizedName, nameFrom) >= 0 && string.Compare(o.NormalizedName, nameTo) < 0))
            .Where(o => state == null || o.AccessState == state)
            .Where(o => tier == null || o.Tier == tier)
            .Where(o => tag == null || db.OrganizationTags.Any(t => t.OrganizationId == o.Id && t.Tag == tag))
            .Where(o => integrationId == null || db.OrganizationIntegrations.Any(oi => oi.OrganizationId == o.Id && oi.IntegrationId == integrationId));

    private static readonly Expression<Func<AccessConsoleDbContext, IQueryable<Organization>, int, int, IQueryable<OrganizationRow>>> Rows =
        (db, sorted, skip, take) => sorted
            .Skip(skip)
            .Take(take)
            .Select(o => new OrganizationRow(o.Id, o.Name, o.Tier, o.AccessState, o.AccountManager, o.CreatedAt,
                db.ApiKeys.Count(k => k.OrganizationId == o.Id)));

    private static readonly CompiledPerProvider<Func<AccessConsoleDbContext, string?, string?, AccessState?, Tier?, string?, Guid?, Task<int>>> Count = new(() =>
        EF.CompileAsyncQuery(Expression.Lambda<Func<AccessConsoleDbContext, string?, string?, AccessState?, Tier?, string?, Guid?, int>>(
            Expression.Call(typeof(Queryable), nameof(Queryable.Count), [typeof(Organization)], Filtered.Body), Filtered.Parameters)));

    private static readonly Dictionary<(OrganizationSort, bool), CompiledPerProvider<Func<AccessConsoleDbContext, string?, string?, AccessState?, Tier?, string?, Guid?, int, int, IAsyncEnumerable<OrganizationRow>>>> Pages = new()
    {
        [(OrganizationSort.Name, false)] = Sorted(q => q.OrderBy(o => o.NormalizedName).ThenBy(o => o.Id)),
        [(OrganizationSort.Name, true)] = Sorted(q => q.OrderByDescending(o => o.NormalizedName).ThenBy(o => o.Id)),
        [(OrganizationSort.Tier, false)] = Sorted(q => q.OrderBy(o => o.Tier).ThenBy(o => o.NormalizedName)),
        [(OrganizationSort.Tier, true)] = Sorted(q => q.OrderByDescending(o => o.Tier).ThenBy(o => o.NormalizedName)),
        [(OrganizationSort.State, false)] = Sorted(q => q.OrderBy(o => o.AccessState).ThenBy(o => o.NormalizedName)),
        [(OrganizationSort.State, true)] = Sorted(q => q.OrderByDescending(o => o.AccessState).ThenBy(o => o.NormalizedName)),
        // Ties broken by id in the same direction: a page is then one range of the (Tier, CreatedAt, Id) index.
        [(OrganizationSort.Created, false)] = Sorted(q => q.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id)),
        [(OrganizationSort.Created, true)] = Sorted(q => q.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)),
    };

    /// <summary>One compiled page query: the filters, then <paramref name="sort"/>, then the page's rows.</summary>
    private static CompiledPerProvider<Func<AccessConsoleDbContext, string?, string?, AccessState?, Tier?, string?, Guid?, int, int, IAsyncEnumerable<OrganizationRow>>> Sorted(
        Expression<Func<IQueryable<Organization>, IOrderedQueryable<Organization>>> sort)
    {
        var sorted = ReplacingExpressionVisitor.Replace(sort.Parameters[0], Filtered.Body, sort.Body);
        var rows = new ReplacingExpressionVisitor([Rows.Parameters[0], Rows.Parameters[1]], [Filtered.Parameters[0], sorted]).Visit(Rows.Body);
        var query = Expression.Lambda<Func<AccessConsoleDbContext, string?, string?, AccessState?, Tier?, string?, Guid?, int, int, IQueryable<OrganizationRow>>>(
            rows, [.. Filtered.Parameters, Rows.Parameters[2], Rows.Parameters[3]]);
        return new(() => EF.CompileAsyncQuery(query));
    }
}
