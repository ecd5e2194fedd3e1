using System.Text.Json;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Data;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Organizations;

/// <summary>The organization page's compiled reads give what the entities hold, for every demo organization.</summary>
public sealed class OrganizationServiceTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private IDbContextFactory<AccessConsoleDbContext> contexts = null!;
    private OrganizationService organizations = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        contexts = factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>();
        organizations = new OrganizationService(contexts, new TestActor("Sam Support", Roles.Support), TimeProvider.System);
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_page_of_every_organization_matches_its_rows()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var ids = await db.Organizations.Select(o => o.Id).ToListAsync();
        Assert.NotEmpty(ids);

        foreach (var id in ids)
        {
            var details = await organizations.GetAsync(id);

            Assert.NotNull(details);
            Assert.Equal(Json(await ExpectedAsync(db, id)), Json(details));
        }
    }

    [Fact]
    public async Task Several_domains_and_tags_read_in_one_query_each_appear_once()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var id = await db.Organizations.Where(o => o.Tags.Count > 1 && o.Domains.Any()).Select(o => o.Id).FirstAsync();
        db.OrganizationDomains.AddRange(
            new OrganizationDomain { OrganizationId = id, Domain = "second.example" },
            new OrganizationDomain { OrganizationId = id, Domain = "third.example" });
        await db.SaveChangesAsync();

        var details = (await organizations.GetAsync(id))!;

        Assert.Equal(3, details.Domains.Count);
        Assert.Equal(details.Domains.Distinct(), details.Domains);
        Assert.Contains("third.example", details.Domains);
        Assert.Equal(2, details.Tags.Count);
        Assert.Equal(Json(await ExpectedAsync(db, id)), Json(details));
    }

    [Fact]
    public async Task An_unknown_organization_has_no_page()
    {
        Assert.Null(await organizations.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task The_page_gives_its_pooled_context_back_with_the_connection_closed()
    {
        var ownPool = new AccessConsoleDbContextFactory(factory.Services.GetRequiredService<DatabaseOptions>(), AppContext.BaseDirectory);
        var service = new OrganizationService(ownPool, new TestActor("Sam Support", Roles.Support), TimeProvider.System);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.NotNull(await service.GetAsync(await db.Organizations.Select(o => o.Id).FirstAsync()));
        }

        // The pool holds the one context the page used.
        await using var reused = ownPool.CreateDbContext();
        Assert.Equal(System.Data.ConnectionState.Closed, reused.Database.GetDbConnection().State);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    // The page as plain LINQ over the entities, as the service read it before its queries were compiled.
    private static async Task<OrganizationDetails> ExpectedAsync(AccessConsoleDbContext db, Guid id)
    {
        var o = await db.Organizations.AsNoTracking().Include(x => x.Domains).Include(x => x.Tags).SingleAsync(x => x.Id == id);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.OrganizationId == id).OrderBy(k => k.Name).ToListAsync();
        var uses = await db.OrganizationIntegrations.AsNoTracking().Where(u => u.OrganizationId == id)
            .Join(db.Integrations, u => u.IntegrationId, i => i.Id, (u, i) => new { Use = u, Integration = i })
            .OrderByDescending(x => x.Use.RecentRequests).ToListAsync();
        var since = DateTime.UtcNow.Date.AddDays(-OrganizationService.UsageDays + 1);
        var usage = (await db.DailyUsage.Where(u => u.OrganizationId == id && u.Day >= since).ToListAsync())
            .GroupBy(u => u.Day).Select(g => new UsagePoint(g.Key, g.Sum(u => u.Requests), g.Sum(u => u.Tokens))).OrderBy(u => u.Day).ToList();
        return new OrganizationDetails(o.Id, o.Name, o.Tier, o.AccountManager, o.CreatedAt,
            o.Domains.Select(d => d.Domain).Order().ToList(), o.Tags.Select(t => t.Tag).Order().ToList(),
            o.Access, o.AccessVersion, o.Provenance,
            keys.Select(k => new KeyRow(k.Id, k.Name, k.Masked, k.Purpose, k.CredentialKind, k.CreatedAt, k.CreatedBy,
                k.LastUsedAt, k.ExpiresAt, k.Access, k.AccessVersion, k.Provenance)).ToList(),
            uses.Select(x => new IntegrationUseRow(x.Use.Id, x.Integration.Id, x.Integration.Name, x.Integration.Kind,
                x.Integration.IsFirstParty, x.Use.FirstSeenAt, x.Use.LastSeenAt, x.Use.RecentRequests,
                x.Use.Access, x.Use.AccessVersion, x.Use.Provenance, x.Integration.Access, x.Integration.Provenance)).ToList(),
            usage);
    }
}
