using System.Linq.Expressions;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.Integrations;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Organizations;

/// <summary>
/// The organization page's reads as compiled queries (EF skips rebuilding and hashing each expression tree), the
/// organization with its domains and tags in one round trip.
/// </summary>
internal static class OrganizationQueries
{
    // Members, not constructor parameters: EF can order by a member of a projection, not by a parameter.
    public sealed class IntegrationUse
    {
        public required OrganizationIntegration Use { get; init; }
        public required Integration Integration { get; init; }
    }

    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, Task<Organization?>>> WithDomainsAndTags = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, Guid id) => db.Organizations.AsNoTracking()
            .Include(o => o.Domains).Include(o => o.Tags)
            .AsSingleQuery()
            .SingleOrDefault(o => o.Id == id)));

    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, IAsyncEnumerable<ApiKey>>> Keys = new(() =>
        EF.CompileAsyncQuery(Sequence((AccessConsoleDbContext db, Guid id) => db.ApiKeys.AsNoTracking()
            .Where(k => k.OrganizationId == id)
            .OrderBy(k => k.Name))));

    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, IAsyncEnumerable<IntegrationUse>>> Integrations = new(() =>
        EF.CompileAsyncQuery(Sequence((AccessConsoleDbContext db, Guid id) => db.OrganizationIntegrations.AsNoTracking()
            .Where(oi => oi.OrganizationId == id)
            .Join(db.Integrations, oi => oi.IntegrationId, i => i.Id, (oi, i) => new IntegrationUse { Use = oi, Integration = i })
            .OrderByDescending(x => x.Use.RecentRequests))));

    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, DateTime, IAsyncEnumerable<UsagePoint>>> UsageSince = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, Guid id, DateTime since) => db.DailyUsage
            .Where(u => u.OrganizationId == id && u.Day >= since)
            .GroupBy(u => u.Day)
            .Select(g => new UsagePoint(g.Key, g.Sum(u => u.Requests), g.Sum(u => u.Tokens)))));

    // An ordered query would otherwise bind to the overload that compiles a single result.
    private static Expression<Func<AccessConsoleDbContext, Guid, IQueryable<T>>> Sequence<T>(
        Expression<Func<AccessConsoleDbContext, Guid, IQueryable<T>>> query) => query;
}
