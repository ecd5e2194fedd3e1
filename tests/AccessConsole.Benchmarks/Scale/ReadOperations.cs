using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Organizations;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>Support's reads: the lookups, the organizations list and the organization page.</summary>
public static class ReadOperations
{

    private const string KeyMatch =
        "SELECT o.Id, o.Name, o.AccessState, k.Id, k.DisplayPrefix || '…' || k.LastFour, k.AccessState FROM ApiKeys AS k INNER JOIN Organizations AS o ON k.OrganizationId = o.Id ";

    /// <param name="efOnlyLookup">When given, the look-ups are measured again with SQLite's hand-written paths off.</param>
    public static async Task RunAsync(OperationTable table, ScaleSample sample, PlainSql sql, LookupService lookup, OrganizationService organizations,
        LookupService? efOnlyLookup = null)
    {
        await LookupsAsync(table, sample, sql, lookup, "");
        if (efOnlyLookup is not null) await LookupsAsync(table, sample, sql, efOnlyLookup, " [EF only]");
        await ListsAndPageAsync(table, sample, sql, organizations);
    }

    private static async Task LookupsAsync(OperationTable table, ScaleSample sample, PlainSql sql, LookupService lookup, string suffix)
    {
        await table.RowAsync("lookup: key prefix" + suffix, i => sample.Keys[i].DisplayPrefix,
            prefix => lookup.SearchAsync(prefix),
            prefix =>
            {
                var range = PrefixRange.Of(prefix);
                return sql.QueryAsync(KeyMatch + "WHERE k.DisplayPrefix >= $from AND k.DisplayPrefix < $to LIMIT 50;", ("$from", range.From), ("$to", range.To));
            }, warm: true);

        await table.RowAsync("lookup: whole key (hash)" + suffix, i => sample.Keys[i].Secret,
            secret => lookup.SearchAsync(secret),
            secret => sql.QueryAsync(KeyMatch + "WHERE k.SecretHash = $hash;", ("$hash", KeyFormat.Hash(secret))), warm: true);

        await table.RowAsync("lookup: organization name prefix" + suffix, i => NamePrefix(sample.Organizations[i].Name),
            text => lookup.SearchAsync(text),
            async text =>
            {
                var name = PrefixRange.Of(Organization.Normalize(text));
                await sql.QueryAsync("SELECT Id, Name, AccessState FROM Organizations WHERE NormalizedName >= $from AND NormalizedName < $to ORDER BY NormalizedName LIMIT 50;",
                    ("$from", name.From), ("$to", name.To));
                var domain = PrefixRange.Of(text.ToLowerInvariant());
                await sql.QueryAsync("SELECT o.Id, o.Name, o.AccessState FROM OrganizationDomains AS d INNER JOIN Organizations AS o ON d.OrganizationId = o.Id WHERE d.Domain >= $from AND d.Domain < $to LIMIT 50;",
                    ("$from", domain.From), ("$to", domain.To));
            }, warm: true);
    }

    private static async Task ListsAndPageAsync(OperationTable table, ScaleSample sample, PlainSql sql, OrganizationService organizations)
    {
        foreach (var (label, skip) in new[] { ("first page", 0), ("page 800", 799 * 25) })
        {
            var query = new OrganizationListQuery { Tier = Tier.Build, Sort = OrganizationSort.Created, Descending = true, Skip = skip };
            await table.RowAsync($"organizations: tier Build, newest, {label}", _ => query,
                q => organizations.ListAsync(q),
                async q =>
                {
                    await sql.ScalarAsync("SELECT COUNT(*) FROM Organizations WHERE Tier = $tier;", ("$tier", (int)Tier.Build));
                    await sql.QueryAsync("SELECT o.Id, o.Name, o.Tier, o.AccessState, o.AccountManager, o.CreatedAt, (SELECT COUNT(*) FROM ApiKeys AS k WHERE k.OrganizationId = o.Id) " +
                        "FROM Organizations AS o WHERE o.Tier = $tier ORDER BY o.CreatedAt DESC, o.Id DESC LIMIT 25 OFFSET $skip;", ("$tier", (int)Tier.Build), ("$skip", q.Skip));
                }, warm: true);
        }

        await table.RowAsync("organization page (GetAsync)", i => sample.Keys[i].OrganizationId,
            id => organizations.GetAsync(id),
            async id =>
            {
                var p = ("$id", (object?)PlainSql.Id(id));
                await sql.QueryAsync("SELECT * FROM Organizations WHERE Id = $id;", p);
                await sql.QueryAsync("SELECT * FROM OrganizationDomains WHERE OrganizationId = $id;", p);
                await sql.QueryAsync("SELECT * FROM OrganizationTags WHERE OrganizationId = $id;", p);
                await sql.ScalarAsync("SELECT COUNT(*) FROM ApiKeys WHERE OrganizationId = $id;", p);
                await sql.QueryAsync("SELECT * FROM OrganizationIntegrations AS u INNER JOIN Integrations AS i ON u.IntegrationId = i.Id WHERE u.OrganizationId = $id ORDER BY u.RecentRequests DESC;", p);
                await sql.QueryAsync("SELECT Day, SUM(Requests), SUM(Tokens) FROM DailyUsage WHERE OrganizationId = $id AND Day >= $since GROUP BY Day;",
                    p, ("$since", PlainSql.Time(DateTime.UtcNow.Date.AddDays(-OrganizationService.UsageDays + 1))));
                await sql.QueryAsync("SELECT r.Id, r.Summary, i.SubjectName, r.RequestedByName, r.RequestedAt, r.ExpiresAt FROM ApprovalRequests AS r " +
                    "INNER JOIN ChangeJobItems AS i ON r.JobId = i.JobId WHERE r.State = 'Pending' AND r.ExpiresAt > $now " +
                    "AND (i.SubjectId = $id OR i.OrganizationId = $id) ORDER BY r.RequestedAt, r.Id, i.Position LIMIT 80;", p, ("$now", PlainSql.Time(DateTime.UtcNow)));
                await sql.QueryAsync("SELECT Label FROM ReasonCodes WHERE Code = (SELECT AccessReasonCode FROM Organizations WHERE Id = $id) LIMIT 1;", p);
            }, warm: true);
    }

    private static string NamePrefix(string name) => name[..Math.Min(name.Length, name.IndexOf(' ') is > 0 and var space ? space + 2 : name.Length)];
}
