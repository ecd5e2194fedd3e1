using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using AccessConsole.Web.Rules;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>
/// The impact preview of the scenario-4 rule (subscription OAuth through every third-party client) over the last 30
/// days, beside the same rows read in plain SQL: every use of a third-party integration by an organization holding a
/// subscription key, with that organization's count of such keys.
/// </summary>
public static class RuleOperations
{
    private const string Floor =
        "SELECT o.Id, o.Name, o.Tier, i.Name, u.RecentRequests, h.Keys " +
        "FROM OrganizationIntegrations AS u INNER JOIN Integrations AS i ON u.IntegrationId = i.Id INNER JOIN Organizations AS o ON u.OrganizationId = o.Id " +
        "INNER JOIN (SELECT OrganizationId, COUNT(*) AS Keys FROM ApiKeys WHERE CredentialKind = 'SubscriptionOAuth' GROUP BY OrganizationId) AS h ON h.OrganizationId = o.Id " +
        "WHERE NOT i.IsFirstParty;";

    public static async Task RunAsync(OperationTable table, PlainSql sql, IDbContextFactory<AccessConsoleDbContext> contexts)
    {
        var scope = new RuleScope { CredentialKind = CredentialKind.SubscriptionOAuth, ThirdPartyClients = true };
        await table.RowAsync("rule impact: scenario 4 (subscriptions, third-party)", _ => scope,
            async s =>
            {
                await using var db = await contexts.CreateDbContextAsync();
                await RuleImpacts.OfAsync(db, s, DateTime.UtcNow.Date, CancellationToken.None);
            },
            _ => sql.QueryAsync(Floor), warm: true);
    }
}
