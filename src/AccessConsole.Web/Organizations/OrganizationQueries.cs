using System.Linq.Expressions;
using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Organizations;

/// <summary>
/// The organization page's reads as compiled queries (EF skips rebuilding and hashing each expression tree), the
/// organization with its domains and tags in one round trip.
/// </summary>
internal static class OrganizationQueries
{
    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, Task<Organization?>>> WithDomainsAndTags = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, Guid id) => db.Organizations.AsNoTracking()
            .Include(o => o.Domains).Include(o => o.Tags)
            .AsSingleQuery()
            .SingleOrDefault(o => o.Id == id)));

    // Rows projected in the query: materializing whole integrations (an integration's client identifiers are JSON)
    // cost more than reading them.
    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, IAsyncEnumerable<IntegrationUseRow>>> Integrations = new(() =>
        EF.CompileAsyncQuery(Sequence((AccessConsoleDbContext db, Guid id) => db.OrganizationIntegrations
            .Where(oi => oi.OrganizationId == id)
            .Join(db.Integrations, oi => oi.IntegrationId, i => i.Id, (oi, i) => new { Use = oi, Integration = i })
            .OrderByDescending(x => x.Use.RecentRequests)
            .Select(x => new IntegrationUseRow(x.Use.Id, x.Integration.Id, x.Integration.Name, x.Integration.Kind, x.Integration.IsFirstParty,
                x.Use.FirstSeenAt, x.Use.LastSeenAt, x.Use.RecentRequests,
                AccessSubject.AccessOf(x.Use.AccessState, x.Use.Restriction, x.Use.AccessUntil), x.Use.AccessVersion,
                new AccessProvenance(x.Use.AccessReasonCode, x.Use.AccessChangedBy, x.Use.AccessChangedAt, x.Use.AccessSetBySequence),
                AccessSubject.AccessOf(x.Integration.AccessState, x.Integration.Restriction, x.Integration.AccessUntil),
                new AccessProvenance(x.Integration.AccessReasonCode, x.Integration.AccessChangedBy, x.Integration.AccessChangedAt,
                    x.Integration.AccessSetBySequence))))));

    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, DateTime, IAsyncEnumerable<UsagePoint>>> UsageSince = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, Guid id, DateTime since) => db.DailyUsage
            .Where(u => u.OrganizationId == id && u.Day >= since)
            .GroupBy(u => u.Day)
            .Select(g => new UsagePoint(g.Key, g.Sum(u => u.Requests), g.Sum(u => u.Tokens)))));

    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, string, Task<string?>>> ReasonLabel = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, string code) => db.ReasonCodes.Where(r => r.Code == code).Select(r => r.Label).FirstOrDefault()));

    // An ordered query would otherwise bind to the overload that compiles a single result.
    private static Expression<Func<AccessConsoleDbContext, Guid, IQueryable<T>>> Sequence<T>(
        Expression<Func<AccessConsoleDbContext, Guid, IQueryable<T>>> query) => query;
}
