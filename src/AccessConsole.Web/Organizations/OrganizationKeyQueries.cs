using System.Linq.Expressions;
using AccessConsole.Web.Access;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace AccessConsole.Web.Organizations;

/// <summary>
/// An organization's keys a page at a time, as compiled queries like the organizations list: each sort is a query of
/// its own (an order cannot be a parameter), ties broken by name and id so that pages never overlap.
/// </summary>
internal static class OrganizationKeyQueries
{
    public static Task<int> CountAsync(AccessConsoleDbContext db, Guid organizationId) => Count.For(db)(db, organizationId);

    public static IAsyncEnumerable<KeyRow> Page(AccessConsoleDbContext db, Guid organizationId, KeySort sort, bool descending, int skip, int take) =>
        Pages[(sort, descending)].For(db)(db, organizationId, skip, take);

    private static readonly Expression<Func<AccessConsoleDbContext, Guid, IQueryable<ApiKey>>> OfOrganization =
        (db, id) => db.ApiKeys.Where(k => k.OrganizationId == id);

    // Rows projected in the query: materializing whole keys cost more than reading them.
    private static readonly Expression<Func<IQueryable<ApiKey>, int, int, IQueryable<KeyRow>>> Rows =
        (sorted, skip, take) => sorted
            .Skip(skip)
            .Take(take)
            .Select(k => new KeyRow(k.Id, k.Name, KeyFormat.Mask(k.DisplayPrefix, k.LastFour), k.Purpose, k.CredentialKind, k.CreatedAt,
                k.CreatedBy, k.LastUsedAt, k.ExpiresAt, AccessSubject.AccessOf(k.AccessState, k.Restriction, k.AccessUntil), k.AccessVersion,
                new AccessProvenance(k.AccessReasonCode, k.AccessChangedBy, k.AccessChangedAt, k.AccessSetBySequence)));

    private static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, Task<int>>> Count = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, Guid id) => db.ApiKeys.Count(k => k.OrganizationId == id)));

    private static readonly Dictionary<(KeySort, bool), CompiledPerProvider<Func<AccessConsoleDbContext, Guid, int, int, IAsyncEnumerable<KeyRow>>>> Pages = new()
    {
        [(KeySort.Name, false)] = Sorted(q => q.OrderBy(k => k.Name).ThenBy(k => k.Id)),
        [(KeySort.Name, true)] = Sorted(q => q.OrderByDescending(k => k.Name).ThenByDescending(k => k.Id)),
        [(KeySort.Purpose, false)] = Sorted(q => q.OrderBy(k => k.Purpose).ThenBy(k => k.Name).ThenBy(k => k.Id)),
        [(KeySort.Purpose, true)] = Sorted(q => q.OrderByDescending(k => k.Purpose).ThenBy(k => k.Name).ThenBy(k => k.Id)),
        [(KeySort.Kind, false)] = Sorted(q => q.OrderBy(k => k.CredentialKind).ThenBy(k => k.Name).ThenBy(k => k.Id)),
        [(KeySort.Kind, true)] = Sorted(q => q.OrderByDescending(k => k.CredentialKind).ThenBy(k => k.Name).ThenBy(k => k.Id)),
        [(KeySort.LastUsed, false)] = Sorted(q => q.OrderBy(k => k.LastUsedAt).ThenBy(k => k.Name).ThenBy(k => k.Id)),
        [(KeySort.LastUsed, true)] = Sorted(q => q.OrderByDescending(k => k.LastUsedAt).ThenBy(k => k.Name).ThenBy(k => k.Id)),
        [(KeySort.Expires, false)] = Sorted(q => q.OrderBy(k => k.ExpiresAt).ThenBy(k => k.Name).ThenBy(k => k.Id)),
        [(KeySort.Expires, true)] = Sorted(q => q.OrderByDescending(k => k.ExpiresAt).ThenBy(k => k.Name).ThenBy(k => k.Id)),
        [(KeySort.State, false)] = Sorted(q => q.OrderBy(k => k.AccessState).ThenBy(k => k.Name).ThenBy(k => k.Id)),
        [(KeySort.State, true)] = Sorted(q => q.OrderByDescending(k => k.AccessState).ThenBy(k => k.Name).ThenBy(k => k.Id)),
    };

    private static CompiledPerProvider<Func<AccessConsoleDbContext, Guid, int, int, IAsyncEnumerable<KeyRow>>> Sorted(
        Expression<Func<IQueryable<ApiKey>, IOrderedQueryable<ApiKey>>> sort)
    {
        var sorted = ReplacingExpressionVisitor.Replace(sort.Parameters[0], OfOrganization.Body, sort.Body);
        var rows = ReplacingExpressionVisitor.Replace(Rows.Parameters[0], sorted, Rows.Body);
        var query = Expression.Lambda<Func<AccessConsoleDbContext, Guid, int, int, IQueryable<KeyRow>>>(
            rows, [.. OfOrganization.Parameters, Rows.Parameters[1], Rows.Parameters[2]]);
        return new(() => EF.CompileAsyncQuery(query));
    }
}
