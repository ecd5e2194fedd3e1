using System.Data.Common;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccessConsole.Tests.Rules;

/// <summary>A rule's impact from the demo's usage, against the same figures added up here from the rows themselves.</summary>
public sealed class RuleImpactTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;
    private DateTime today;

    public async ValueTask InitializeAsync()
    {
        demo = await DemoDatabase.OpenAsync();
        today = demo.Clock.GetUtcNow().UtcDateTime.Date;
    }

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task Competitors_through_Glide_IDE_are_the_tagged_organizations_that_use_it_with_their_keys_and_requests_through_it()
    {
        var glide = await demo.IntegrationIdAsync(DemoCatalog.BlockedIde);
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var competitors = await db.OrganizationTags.Where(t => t.Tag == "competitor").Select(t => t.OrganizationId).ToListAsync();
        var uses = await db.OrganizationIntegrations.AsNoTracking().Where(u => u.IntegrationId == glide && competitors.Contains(u.OrganizationId)).ToListAsync();
        var users = uses.Select(u => u.OrganizationId).ToList();
        var keys = await db.ApiKeys.CountAsync(k => users.Contains(k.OrganizationId));

        var impact = await RuleImpacts.OfAsync(db, new RuleScope { Tags = ["competitor"], IntegrationId = glide }, today, CancellationToken.None);

        Assert.NotEmpty(uses);
        Assert.Equal((users.Count, (long)keys, uses.Sum(u => u.RecentRequests)), (impact.Organizations, impact.Keys, impact.Requests));
        var through = Assert.Single(impact.ByIntegration);
        Assert.Equal((DemoCatalog.BlockedIde, users.Count), (through.Name, through.Organizations));
        Assert.Equal(impact.Organizations, impact.ByTier.Sum(t => t.Organizations));
        Assert.Equal(impact.Requests, impact.ByTier.Sum(t => t.Requests));
    }

    [Fact]
    public async Task Subscriptions_through_third_party_clients_count_the_organizations_with_such_keys_that_use_one()
    {
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var thirdParty = await db.Integrations.Where(i => !i.IsFirstParty).ToDictionaryAsync(i => i.Id, i => i.Name);
        var holders = await db.ApiKeys.Where(k => k.CredentialKind == CredentialKind.SubscriptionOAuth)
            .GroupBy(k => k.OrganizationId).ToDictionaryAsync(g => g.Key, g => (long)g.Count());
        var uses = (await db.OrganizationIntegrations.AsNoTracking().ToListAsync())
            .Where(u => thirdParty.ContainsKey(u.IntegrationId) && holders.ContainsKey(u.OrganizationId)).ToList();

        var impact = await RuleImpacts.OfAsync(db, new RuleScope { CredentialKind = CredentialKind.SubscriptionOAuth, ThirdPartyClients = true }, today, CancellationToken.None);

        Assert.Contains(uses, u => thirdParty[u.IntegrationId] == DemoCatalog.Harness);
        var organizations = uses.Select(u => u.OrganizationId).Distinct().ToList();
        Assert.Equal((organizations.Count, organizations.Sum(o => holders[o]), uses.Sum(u => u.RecentRequests)), (impact.Organizations, impact.Keys, impact.Requests));
        Assert.Equal(uses.GroupBy(u => thirdParty[u.IntegrationId]).Select(g => g.Key).Order(), impact.ByIntegration.Select(g => g.Name).Order());
        Assert.Contains(impact.Largest, o => o.Name == DemoCatalog.HarnessUser);
    }

    [Fact]
    public async Task A_rule_by_tier_counts_requests_of_the_last_30_days_and_names_the_ten_largest_organizations()
    {
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var since = today.AddDays(-30);
        var free = await db.Organizations.Where(o => o.Tier == Tier.Free).Select(o => o.Id).ToListAsync();
        var requests = await db.DailyUsage.Where(u => u.Day >= since && free.Contains(u.OrganizationId))
            .GroupBy(u => u.OrganizationId).Select(g => new { g.Key, Sum = g.Sum(u => u.Requests) }).ToDictionaryAsync(x => x.Key, x => x.Sum);
        var withKeys = await db.ApiKeys.Where(k => free.Contains(k.OrganizationId)).Select(k => k.OrganizationId).Distinct().ToListAsync();

        var impact = await RuleImpacts.OfAsync(db, new RuleScope { Tiers = [Tier.Free] }, today, CancellationToken.None);

        Assert.Equal((withKeys.Count, requests.Values.Sum()), (impact.Organizations, impact.Requests));
        Assert.Equal(["Free"], impact.ByTier.Select(t => t.Name));
        Assert.Equal(10, impact.Largest.Count);
        Assert.Equal(requests.Values.OrderDescending().Take(10), impact.Largest.Select(o => o.Requests));
    }

    [Fact]
    public async Task The_impact_is_one_query()
    {
        var counter = new QueryCounter();
        await using var db = await demo.ContextsWith(counter).CreateDbContextAsync();

        await RuleImpacts.OfAsync(db, new RuleScope { CredentialKind = CredentialKind.SubscriptionOAuth, ThirdPartyClients = true, Tags = ["competitor"] }, today, CancellationToken.None);

        Assert.Equal(1, counter.Queries);
    }

    private sealed class QueryCounter : DbCommandInterceptor
    {
        public int Queries { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Queries++;
            return ValueTask.FromResult(result);
        }
    }
}
