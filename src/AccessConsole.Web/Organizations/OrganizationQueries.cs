using System.Linq.Expressions;
using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Organizations;

/// <summary>An organization with its key count and the label of the reason for its access.</summary>
internal sealed record OrganizationHead(Organization Organization, int KeyCount, string? ReasonLabel);

/// <summary>The organization page's reads as compiled queries (EF skips rebuilding and hashing each expression tree).</summary>
internal static class OrganizationQueries
{
    // Each query costs EF Core some 25 µs of its own beyond SQLite's work, so the page's figures beside the
    // organization come in its query, and its domains and tags in one more: together 0.12 ms, where the organization
    // with its collections included, its key count and its reason's label, read apart, took 0.20 ms (medium set).
    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, Task<OrganizationHead?>>> Head = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, Guid id) => db.Organizations.AsNoTracking()
            .Where(o => o.Id == id)
            .Select(o => new OrganizationHead(o,
                db.ApiKeys.Count(k => k.OrganizationId == o.Id),
                db.ReasonCodes.Where(r => r.Code == o.AccessReasonCode).Select(r => r.Label).FirstOrDefault()))
            .SingleOrDefault()));

    /// <summary>The organization's domains and tags, each marked by its first character: <see cref="DomainMark"/> or <see cref="TagMark"/>.</summary>
    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, IAsyncEnumerable<string>>> DomainsAndTags = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, Guid id) => db.OrganizationDomains
            .Where(d => d.OrganizationId == id).Select(d => DomainMark + d.Domain)
            .Concat(db.OrganizationTags.Where(t => t.OrganizationId == id).Select(t => TagMark + t.Tag))));

    public const string DomainMark = "d";
    public const string TagMark = "t";

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

    // An ordered query would otherwise bind to the overload that compiles a single result.
    private static Expression<Func<AccessConsoleDbContext, Guid, IQueryable<T>>> Sequence<T>(
        Expression<Func<AccessConsoleDbContext, Guid, IQueryable<T>>> query) => query;
}
