using System.Text.Json;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Approvals;
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

    [Theory]
    [InlineData(KeySort.Name, false)]
    [InlineData(KeySort.Name, true)]
    [InlineData(KeySort.Purpose, false)]
    [InlineData(KeySort.Kind, true)]
    [InlineData(KeySort.LastUsed, true)]
    [InlineData(KeySort.Expires, false)]
    [InlineData(KeySort.State, true)]
    public async Task Keys_come_a_page_at_a_time_in_the_order_asked_and_the_pages_make_up_all_keys(KeySort sort, bool descending)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var id = await db.ApiKeys.GroupBy(k => k.OrganizationId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var all = await db.ApiKeys.AsNoTracking().Where(k => k.OrganizationId == id).ToListAsync();
        Assert.True(all.Count > 3, $"the organization with most keys has {all.Count}");

        var pages = new List<KeyRow>();
        for (var skip = 0; skip < all.Count; skip += 3)
        {
            var page = await organizations.KeysAsync(id, new KeyListQuery { Sort = sort, Descending = descending, Skip = skip, Take = 3 });
            Assert.Equal(all.Count, page.TotalCount);
            pages.AddRange(page.Rows);
        }

        Assert.Equal(all.Select(k => k.Id).Order(), pages.Select(k => k.Id).Order());
        var keyOf = (Func<KeyRow, object?>)(sort switch
        {
            KeySort.Purpose => k => k.Purpose,
            KeySort.Kind => k => k.CredentialKind,
            KeySort.LastUsed => k => k.LastUsedAt,
            KeySort.Expires => k => k.ExpiresAt,
            KeySort.State => k => k.Access.State,
            _ => k => k.Name,
        });
        var expected = descending ? pages.OrderByDescending(keyOf) : pages.OrderBy(keyOf);
        Assert.Equal(expected.Select(keyOf), pages.Select(keyOf));
    }

    [Fact]
    public async Task A_key_past_its_expiry_is_marked_expired_and_the_others_are_not()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var expired = await db.ApiKeys.AsNoTracking().Where(k => k.ExpiresAt != null).ToListAsync();
        var key = expired.First(k => k.ExpiresAt <= now && k.AccessState == Web.Access.AccessState.Active);

        var page = await organizations.KeysAsync(key.OrganizationId, new KeyListQuery { Take = KeyListQuery.MaxPageSize });

        Assert.True(Assert.Single(page.Rows, k => k.Id == key.Id).Expired);
        Assert.All(page.Rows.Where(k => k.Id != key.Id), k => Assert.Equal(k.ExpiresAt <= now, k.Expired));
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
        var keyCount = await db.ApiKeys.CountAsync(k => k.OrganizationId == id);
        var uses = await db.OrganizationIntegrations.AsNoTracking().Where(u => u.OrganizationId == id)
            .Join(db.Integrations, u => u.IntegrationId, i => i.Id, (u, i) => new { Use = u, Integration = i })
            .OrderByDescending(x => x.Use.RecentRequests).ToListAsync();
        var since = DateTime.UtcNow.Date.AddDays(-OrganizationService.UsageDays + 1);
        var usage = (await db.DailyUsage.Where(u => u.OrganizationId == id && u.Day >= since).ToListAsync())
            .GroupBy(u => u.Day).Select(g => new UsagePoint(g.Key, g.Sum(u => u.Requests), g.Sum(u => u.Tokens))).OrderBy(u => u.Day).ToList();
        return new OrganizationDetails(o.Id, o.Name, o.Tier, o.AccountManager, o.CreatedAt,
            o.Domains.Select(d => d.Domain).Order().ToList(), o.Tags.Select(t => t.Tag).Order().ToList(),
            o.Access, o.AccessVersion, o.Provenance,
            keyCount,
            uses.Select(x => new IntegrationUseRow(x.Use.Id, x.Integration.Id, x.Integration.Name, x.Integration.Kind,
                x.Integration.IsFirstParty, x.Use.FirstSeenAt, x.Use.LastSeenAt, x.Use.RecentRequests,
                x.Use.Access, x.Use.AccessVersion, x.Use.Provenance, x.Integration.Access, x.Integration.Provenance)).ToList(),
            usage,
            await PendingAsync(db, id),
            o.Provenance.ReasonCode is { } code ? (await db.ReasonCodes.SingleAsync(r => r.Code == code)).Label : null);
    }

    private static async Task<List<PendingChange>> PendingAsync(AccessConsoleDbContext db, Guid id)
    {
        var now = DateTime.UtcNow;
        var requests = await db.ApprovalRequests.AsNoTracking().Where(r => r.State == ApprovalState.Pending).ToListAsync();
        var items = await db.ChangeJobItems.AsNoTracking().Where(i => i.SubjectId == id || i.OrganizationId == id).ToListAsync();
        return requests.Where(r => r.ExpiresAt > now).OrderBy(r => r.RequestedAt).ThenBy(r => r.Id)
            .Select(r => (Request: r, Item: items.Where(i => i.JobId == r.JobId).OrderBy(i => i.Position).FirstOrDefault()))
            .Where(x => x.Item is not null)
            .Select(x => new PendingChange(x.Request.Id, x.Request.Summary, x.Item!.SubjectName, x.Request.RequestedByName, x.Request.RequestedAt, x.Request.ExpiresAt))
            .Take(PendingChanges.Max)
            .ToList();
    }
}
