using AccessConsole.Web.Access;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Lookup;

/// <summary>
/// The look-ups on SQLite as plain SQL on a pooled connection, the same statements EF's compiled queries send (SQL
/// Server keeps the compiled queries). Kept for speed: on EF Core 10, on an idle machine, EF's fixed cost per query
/// kept the compiled queries at 1.8–3.6 times the indexed read, against 1.1–1.9 times here (key prefix, whole key,
/// and name or domain prefix, medium and large scale sets); see the README's Performance section.
/// </summary>
internal static class SqliteLookups
{
    private const string KeyMatch = """
        SELECT o.Id, o.Name, o.AccessState, k.Id, k.DisplayPrefix, k.LastFour, k.AccessState
        FROM ApiKeys AS k INNER JOIN Organizations AS o ON k.OrganizationId = o.Id
        """;

    public static Task<List<LookupMatch>> KeysByHashAsync(AccessConsoleDbContext db, string hash, CancellationToken ct) =>
        ReadAsync(db, ct, (KeyMatch + " WHERE k.SecretHash = $hash", MatchedOn.WholeKey, [("$hash", hash)]));

    public static Task<List<LookupMatch>> KeysByPrefixAsync(AccessConsoleDbContext db, PrefixRange range, CancellationToken ct) =>
        ReadAsync(db, ct, (KeyMatch + $" WHERE k.DisplayPrefix >= $from AND k.DisplayPrefix < $to LIMIT {LookupService.MaxResults}",
            MatchedOn.KeyPrefix, [("$from", range.From), ("$to", range.To)]));

    /// <summary>Organizations by name prefix, then by domain prefix, on one opening of the connection.</summary>
    public static Task<List<LookupMatch>> OrganizationsByNameAndDomainAsync(AccessConsoleDbContext db, PrefixRange name, PrefixRange domain, CancellationToken ct) =>
        ReadAsync(db, ct,
            ($"SELECT Id, Name, AccessState FROM Organizations WHERE NormalizedName >= $from AND NormalizedName < $to ORDER BY NormalizedName LIMIT {LookupService.MaxResults}",
                MatchedOn.OrganizationName, [("$from", name.From), ("$to", name.To)]),
            ($"SELECT o.Id, o.Name, o.AccessState FROM OrganizationDomains AS d INNER JOIN Organizations AS o ON d.OrganizationId = o.Id WHERE d.Domain >= $from AND d.Domain < $to LIMIT {LookupService.MaxResults}",
                MatchedOn.Domain, [("$from", domain.From), ("$to", domain.To)]));

    private static async Task<List<LookupMatch>> ReadAsync(AccessConsoleDbContext db, CancellationToken ct,
        params (string Sql, MatchedOn MatchedOn, (string Name, string Value)[] Parameters)[] queries)
    {
        var matches = new List<LookupMatch>();
        // A connection of its own from the pool: opening the context's connection would also register EF's SQL
        // functions on it again (about 0.01 ms), which these statements do not use.
        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        foreach (var (sql, matchedOn, parameters) in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) matches.Add(Match(reader, matchedOn));
        }
        return matches;
    }

    private static LookupMatch Match(SqliteDataReader row, MatchedOn matchedOn)
    {
        var organization = new LookupMatch(matchedOn, row.GetGuid(0), row.GetString(1), Enum.Parse<AccessState>(row.GetString(2)));
        return row.FieldCount == 3 ? organization : organization with
        {
            KeyId = row.GetGuid(3),
            MaskedKey = KeyFormat.Mask(row.GetString(4), row.GetString(5)),
            KeyState = Enum.Parse<AccessState>(row.GetString(6)),
        };
    }
}
