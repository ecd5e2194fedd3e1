using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.DemoData;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Notices;

/// <summary>The demo's named organizations have notice contacts, all at fictional <c>.example</c> addresses.</summary>
public sealed class DemoNoticeContactsTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;

    public async ValueTask InitializeAsync() => demo = await DemoDatabase.OpenAsync();

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task Each_named_organization_has_a_fictional_notice_contact()
    {
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var contacts = await db.NoticeContacts.AsNoTracking()
            .Join(db.Organizations, c => c.OrganizationId, o => o.Id, (c, o) => new { Organization = o.Name, c.Email })
            .ToListAsync();

        var named = DemoCatalog.ScenarioOrganizations.Concat(DemoCatalog.HeavyUsers).Select(o => o.Name).Order().ToList();
        Assert.Equal(named, contacts.Select(c => c.Organization).Order().ToList());
        Assert.All(contacts, c => Assert.EndsWith(".example", c.Email));
        Assert.Contains(contacts, c => c.Organization == DemoCatalog.AcquiredVendor && c.Email == "api-notices@slipstream.example");
    }
}
