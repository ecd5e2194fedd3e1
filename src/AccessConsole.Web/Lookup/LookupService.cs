using AccessConsole.Web.Access;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Security;
using AccessConsole.Web.Shared;
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

    /// <summary>
    /// What is searched for: the input without surrounding white space and without invisible characters, which a
    /// pasted key often carries (a zero-width space from a chat window, say) and which no name, domain or key holds.
    /// </summary>
    public static string Normalize(string? input) => FreeText.WithoutInvisible(input ?? "").Trim();

    /// <summary>Why the input cannot be searched, for the search box; null when it can.</summary>
    public static string? InputProblem(string? input)
    {
        var text = Normalize(input);
        if (text.Length > MaxInputLength) return $"Search with at most {MaxInputLength} characters (this has {text.Length:N0}).";
        return text.Any(char.IsControl) ? "Remove the control characters." : null;
    }

    public async Task<IReadOnlyList<LookupMatch>> SearchAsync(string? input, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        var text = Normalize(input);
        if (text.Length == 0 || InputProblem(text) is not null) return [];

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (KeyFormat.IsWholeKey(text)) return await ByKeyHashAsync(db, KeyFormat.Hash(text), cancellationToken);
        if (KeyFormat.LooksLikeKeyPrefix(text)) return await ByKeyPrefixAsync(db, text, cancellationToken);
        if (Guid.TryParse(text, out var id)) return await ByIdAsync(db, id, cancellationToken);
        return await ByNameOrDomainAsync(db, text, cancellationToken);
    }

    private static async Task<IReadOnlyList<LookupMatch>> ByKeyHashAsync(AccessConsoleDbContext db, string hash, CancellationToken ct) =>
        db.UsesRawSqlite
            ? await SqliteLookups.KeysByHashAsync(db, hash, ct)
            : await LookupQueries.KeysByHash.For(db)(db, hash).ToListAsync(ct);

    private static async Task<IReadOnlyList<LookupMatch>> ByKeyPrefixAsync(AccessConsoleDbContext db, string text, CancellationToken ct)
    {
        var prefix = text.Length > KeyFormat.DisplayPrefixLength ? text[..KeyFormat.DisplayPrefixLength] : text;
        var range = PrefixRange.Of(prefix);
        var matches = db.UsesRawSqlite
            ? await SqliteLookups.KeysByPrefixAsync(db, range, ct)
            : await LookupQueries.KeysByPrefix.For(db)(db, range.From, range.To).ToListAsync(ct);
        // Keys are case-sensitive; a case-insensitive collation (SQL Server) may return near misses.
        return matches.Where(m => m.MaskedKey!.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    private static async Task<IReadOnlyList<LookupMatch>> ByIdAsync(AccessConsoleDbContext db, Guid id, CancellationToken ct)
    {
        return await OnOneOpeningAsync(db, ct, async () =>
            [.. await LookupQueries.OrganizationsById.For(db)(db, id).ToListAsync(ct), .. await LookupQueries.KeysById.For(db)(db, id).ToListAsync(ct)]);
    }

    private static async Task<IReadOnlyList<LookupMatch>> ByNameOrDomainAsync(AccessConsoleDbContext db, string text, CancellationToken ct)
    {
        var name = PrefixRange.Of(Organization.Normalize(text));
        var domain = PrefixRange.Of(text.ToLowerInvariant());
        var matches = db.UsesRawSqlite
            ? await SqliteLookups.OrganizationsByNameAndDomainAsync(db, name, domain, ct)
            : await OnOneOpeningAsync(db, ct, async () =>
                [.. await LookupQueries.OrganizationsByName.For(db)(db, name.From, name.To).ToListAsync(ct),
                    .. await LookupQueries.OrganizationsByDomain.For(db)(db, domain.From, domain.To).ToListAsync(ct)]);
        return matches.DistinctBy(m => m.OrganizationId).Take(MaxResults).ToList();
    }

    /// <summary>Two reads on one opening of the connection: each opening registers EF's SQL functions on it again.</summary>
    private static async Task<List<LookupMatch>> OnOneOpeningAsync(AccessConsoleDbContext db, CancellationToken ct, Func<Task<List<LookupMatch>>> read)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await read();
        }
        finally
        {
            // Explicitly opened, so a pooled context would otherwise go back to the pool with it open.
            await db.Database.CloseConnectionAsync();
        }
    }
}
