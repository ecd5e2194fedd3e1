using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Lookup;

/// <summary>
/// The look-ups as compiled queries. Support types one look-up after another on the phone; a LINQ query would
/// have EF rebuild and hash its expression tree to find the cached plan on every call, which costs several times
/// the indexed read itself.
/// </summary>
internal static class LookupQueries
{
    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, string, IAsyncEnumerable<LookupMatch>>> KeysByHash = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, string hash) => db.ApiKeys
            .Where(k => k.SecretHash == hash)
            .Join(db.Organizations, k => k.OrganizationId, o => o.Id, (k, o) => new LookupMatch(
                MatchedOn.WholeKey, o.Id, o.Name, o.AccessState, k.Id, k.DisplayPrefix + "…" + k.LastFour, k.AccessState))));

    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, string, string, IAsyncEnumerable<LookupMatch>>> KeysByPrefix = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, string from, string to) => db.ApiKeys
            .Where(k => string.Compare(k.DisplayPrefix, from) >= 0 && string.Compare(k.DisplayPrefix, to) < 0)
            .Join(db.Organizations, k => k.OrganizationId, o => o.Id, (k, o) => new LookupMatch(
                MatchedOn.KeyPrefix, o.Id, o.Name, o.AccessState, k.Id, k.DisplayPrefix + "…" + k.LastFour, k.AccessState))
            .Take(LookupService.MaxResults)));

    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, IAsyncEnumerable<LookupMatch>>> KeysById = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, Guid id) => db.ApiKeys
            .Where(k => k.Id == id)
            .Join(db.Organizations, k => k.OrganizationId, o => o.Id, (k, o) => new LookupMatch(
                MatchedOn.KeyId, o.Id, o.Name, o.AccessState, k.Id, k.DisplayPrefix + "…" + k.LastFour, k.AccessState))));

    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, IAsyncEnumerable<LookupMatch>>> OrganizationsById = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, Guid id) => db.Organizations
            .Where(o => o.Id == id)
            .Select(o => new LookupMatch(MatchedOn.OrganizationId, o.Id, o.Name, o.AccessState, null, null, null))));

    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, string, string, IAsyncEnumerable<LookupMatch>>> OrganizationsByName = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, string from, string to) => db.Organizations
            .Where(o => string.Compare(o.NormalizedName, from) >= 0 && string.Compare(o.NormalizedName, to) < 0)
            .OrderBy(o => o.NormalizedName)
            .Take(LookupService.MaxResults)
            .Select(o => new LookupMatch(MatchedOn.OrganizationName, o.Id, o.Name, o.AccessState, null, null, null))));

    public static readonly CompiledPerProvider<Func<AccessConsoleDbContext, string, string, IAsyncEnumerable<LookupMatch>>> OrganizationsByDomain = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, string from, string to) => db.OrganizationDomains
            .Where(d => string.Compare(d.Domain, from) >= 0 && string.Compare(d.Domain, to) < 0)
            .Join(db.Organizations, d => d.OrganizationId, o => o.Id, (d, o) => o)
            .Take(LookupService.MaxResults)
            .Select(o => new LookupMatch(MatchedOn.Domain, o.Id, o.Name, o.AccessState, null, null, null))));
}
