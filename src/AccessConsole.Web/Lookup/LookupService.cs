using AccessConsole.Web.Access;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Lookup;

public enum MatchedOn
{
    WholeKey,
    KeyPrefix,
    KeyId,
    OrganizationId,
    OrganizationName,
    Domain,
}

public sealed record LookupMatch(
    MatchedOn MatchedOn,
    Guid OrganizationId,
    string OrganizationName,
    AccessState OrganizationState,
    Guid? KeyId = null,
    string? MaskedKey = null,
    AccessState? KeyState = null);

/// <summary>
/// Finds customers from whatever support has at hand: a name or domain, an organization id, a key prefix, or a
/// whole pasted key. A whole key is hashed in memory and matched by hash; it never reaches a query's text or a log.
/// </summary>
public sealed class LookupService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor)
{
    public const int MaxInputLength = 200;
    public const int MaxResults = 50;

    public async Task<IReadOnlyList<LookupMatch>> SearchAsync(string? input, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        var text = input?.Trim() ?? "";
        if (text.Length is 0 or > MaxInputLength || text.Any(char.IsControl)) return [];

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (KeyFormat.IsWholeKey(text)) return await ByKeyHashAsync(db, KeyFormat.Hash(text), cancellationToken);
        if (KeyFormat.LooksLikeKeyPrefix(text)) return await ByKeyPrefixAsync(db, text, cancellationToken);
        if (Guid.TryParse(text, out var id)) return await ByIdAsync(db, id, cancellationToken);
        return await ByNameOrDomainAsync(db, text, cancellationToken);
    }

    private static async Task<IReadOnlyList<LookupMatch>> ByKeyHashAsync(AccessConsoleDbContext db, string hash, CancellationToken ct) =>
        await KeyMatches(db, db.ApiKeys.Where(k => k.SecretHash == hash), MatchedOn.WholeKey).ToListAsync(ct);

    private static async Task<IReadOnlyList<LookupMatch>> ByKeyPrefixAsync(AccessConsoleDbContext db, string text, CancellationToken ct)
    {
        var prefix = text.Length > KeyFormat.DisplayPrefixLength ? text[..KeyFormat.DisplayPrefixLength] : text;
        var range = PrefixRange.Of(prefix);
        var keys = db.ApiKeys.Where(k => string.Compare(k.DisplayPrefix, range.From) >= 0 && string.Compare(k.DisplayPrefix, range.To) < 0);
        var matches = await KeyMatches(db, keys, MatchedOn.KeyPrefix).Take(MaxResults).ToListAsync(ct);
        // Keys are case-sensitive; a case-insensitive collation (SQL Server) may return near misses.
        return matches.Where(m => m.MaskedKey!.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    private static async Task<IReadOnlyList<LookupMatch>> ByIdAsync(AccessConsoleDbContext db, Guid id, CancellationToken ct)
    {
        var organizations = await db.Organizations.Where(o => o.Id == id)
            .Select(o => new LookupMatch(MatchedOn.OrganizationId, o.Id, o.Name, o.AccessState, null, null, null))
            .ToListAsync(ct);
        var keys = await KeyMatches(db, db.ApiKeys.Where(k => k.Id == id), MatchedOn.KeyId).ToListAsync(ct);
        return [.. organizations, .. keys];
    }

    private static async Task<IReadOnlyList<LookupMatch>> ByNameOrDomainAsync(AccessConsoleDbContext db, string text, CancellationToken ct)
    {
        var name = PrefixRange.Of(Organization.Normalize(text));
        var byName = await db.Organizations
            .Where(o => string.Compare(o.NormalizedName, name.From) >= 0 && string.Compare(o.NormalizedName, name.To) < 0)
            .OrderBy(o => o.NormalizedName)
            .Take(MaxResults)
            .Select(o => new LookupMatch(MatchedOn.OrganizationName, o.Id, o.Name, o.AccessState, null, null, null))
            .ToListAsync(ct);

        var domain = PrefixRange.Of(text.ToLowerInvariant());
        var byDomain = await db.OrganizationDomains
            .Where(d => string.Compare(d.Domain, domain.From) >= 0 && string.Compare(d.Domain, domain.To) < 0)
            .Join(db.Organizations, d => d.OrganizationId, o => o.Id, (d, o) => o)
            .Take(MaxResults)
            .Select(o => new LookupMatch(MatchedOn.Domain, o.Id, o.Name, o.AccessState, null, null, null))
            .ToListAsync(ct);

        return byName.Concat(byDomain).DistinctBy(m => m.OrganizationId).Take(MaxResults).ToList();
    }

    private static IQueryable<LookupMatch> KeyMatches(AccessConsoleDbContext db, IQueryable<ApiKey> keys, MatchedOn matchedOn) =>
        keys.Join(db.Organizations, k => k.OrganizationId, o => o.Id, (k, o) => new LookupMatch(
            matchedOn, o.Id, o.Name, o.AccessState, k.Id, k.DisplayPrefix + "…" + k.LastFour, k.AccessState));
}
