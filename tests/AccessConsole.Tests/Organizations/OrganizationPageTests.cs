using AccessConsole.Tests.Bulk;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Organizations.Timeline;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Organizations;

/// <summary>The organization page as an account manager reads it: its title, its keys' effective state, what waits for approval.</summary>
public sealed class OrganizationPageTests() : ConsoleComponentTests("Blair Manager", Roles.AccountManager)
{
    [Fact]
    public async Task The_title_names_the_customer_and_the_page()
    {
        var lab = await App.Demo.OrganizationAsync(DemoCatalog.RivalLab);

        var page = App.RenderWithDialogs<OrganizationPage>(p => p.Add(o => o.Id, lab.Id));

        page.WaitForAssertion(() => Assert.Equal($"{DemoCatalog.RivalLab} · Organization · AccessConsole", TitleOf(page)), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task An_expired_key_reads_Expired_in_the_keys_table_though_its_own_access_is_active()
    {
        var (organizationId, keyName) = await ExpiredActiveKeyOnFirstPageAsync();

        var table = App.RenderWithDialogs<KeysTable>(p => p.Add(k => k.OrganizationId, organizationId));

        table.WaitForAssertion(() => Assert.Contains(table.RowTexts("API keys"), r => r.StartsWith(keyName + " ")), TimeSpan.FromSeconds(30));
        var row = table.FindAll("tbody tr").Single(r => r.Shown().StartsWith(keyName + " "));
        var chip = Assert.Single(row.QuerySelectorAll("[data-state-chip]"));
        Assert.Equal("Expired", chip.Shown());
        Assert.StartsWith("Expired: every call with it is denied. Its own access is Active", chip.GetAttribute("title"));
    }

    [Fact]
    public async Task A_person_hides_and_shows_the_keys_tables_columns()
    {
        var kestrel = await App.Demo.OrganizationAsync(DemoCatalog.StoppedKeyOrganization);
        var table = App.RenderWithDialogs<KeysTable>(p => p.Add(k => k.OrganizationId, kestrel.Id));
        table.WaitForAssertion(() => Assert.NotEmpty(table.RowTexts("API keys")), TimeSpan.FromSeconds(30));
        Assert.Equal(["Key", "Purpose", "Kind", "Last used", "Expires", "Access", "Change"], Headers(table));

        table.CheckBox("Kind").Change(false);
        table.CheckBox("Change").Change(false);

        table.WaitForAssertion(() => Assert.Equal(["Key", "Purpose", "Last used", "Expires", "Access"], Headers(table)));
        Assert.False(table.CheckBox("Kind").IsChecked());

        table.CheckBox("Kind").Change(true);

        table.WaitForAssertion(() => Assert.Equal(["Key", "Purpose", "Kind", "Last used", "Expires", "Access"], Headers(table)));
    }

    [Fact]
    public async Task A_change_waiting_for_approval_shows_with_its_requester_and_a_link_to_the_request()
    {
        var lab = await App.Demo.OrganizationAsync(DemoCatalog.RivalLab);
        var alex = new Actor("test:alex", "Alex Manager", [Roles.AccountManager]);
        var gate = new ApprovalGate(App.Demo.Contexts, new TestActor(alex), App.Demo.Clock, App.Demo.ChangesBy(alex.Name),
            App.Demo.Factory.Services.GetRequiredService<ApprovalRules>(), App.Demo.Factory.Services.GetRequiredService<ApprovalNotifier>());
        var gated = await gate.SubmitAsync(BulkTestApp.Terms(ChangeKind.Revoke) with { Subject = lab, ExpectedVersion = await App.Demo.VersionAsync(lab) });
        Assert.True(gated.SentForApproval);

        var page = App.RenderWithDialogs<OrganizationPage>(p => p.Add(o => o.Id, lab.Id));

        page.WaitForAssertion(() => Assert.True(page.HasNamed("Waiting for approval")), TimeSpan.FromSeconds(30));
        var notice = page.Named("Waiting for approval").Shown();
        Assert.Contains("requested by Alex Manager", notice);
        Assert.Contains(DemoCatalog.RivalLab, notice);
        Assert.Equal($"/approvals?request={gated.Request!.Id}", page.Link("Open the request").GetAttribute("href"));
    }

    [Fact]
    public async Task Without_a_pending_change_the_page_shows_no_notice()
    {
        var kestrel = await App.Demo.OrganizationAsync(DemoCatalog.StoppedKeyOrganization);

        var page = App.RenderWithDialogs<OrganizationPage>(p => p.Add(o => o.Id, kestrel.Id));

        page.WaitForAssertion(() => Assert.Contains(DemoCatalog.StoppedKeyOrganization, page.Find("h1").Shown()), TimeSpan.FromSeconds(30));
        Assert.False(page.HasNamed("Waiting for approval"));
    }

    [Fact]
    public async Task The_timeline_names_actions_and_reasons_in_words_with_the_codes_in_tooltips()
    {
        var meridian = await App.Demo.OrganizationAsync(DemoCatalog.DisputedOrganization);

        var timeline = App.Render<TimelineView>(p => p.Add(t => t.OrganizationId, meridian.Id));

        timeline.WaitForAssertion(() => Assert.True(timeline.HasNamed("Access history")), TimeSpan.FromSeconds(30));
        var revoked = timeline.FindAll("[title='access.revoke']");
        Assert.NotEmpty(revoked);
        Assert.All(revoked, r => Assert.Equal("Revoked", r.Shown()));
        Assert.DoesNotContain("access.", timeline.Named("Access history").Shown());
        var reasons = timeline.FindAll("li span[title]").Where(s => s.GetAttribute("title") is { } t && !t.Contains('.') && !t.StartsWith("Audit event")).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.NotEqual(r.GetAttribute("title"), r.Shown()));
        Assert.Contains(timeline.FindAll("li [title]"), e => e.GetAttribute("title")!.StartsWith("Audit event ") && e.Shown().StartsWith("event #"));
    }

    private static IReadOnlyList<string> Headers<T>(IRenderedComponent<T> table) where T : Microsoft.AspNetCore.Components.IComponent =>
        table.ColumnHeaders("API keys");

    // The title goes to the document's head, which bUnit does not render: its content is rendered on its own.
    private string TitleOf(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page) =>
        App.Render(page.FindComponent<PageTitle>().Instance.ChildContent!).Shown();

    private async Task<(Guid OrganizationId, string KeyName)> ExpiredActiveKeyOnFirstPageAsync()
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var expired = (await db.ApiKeys.AsNoTracking().Where(k => k.ExpiresAt != null && k.AccessState == AccessState.Active).ToListAsync())
            .Where(k => k.ExpiresAt <= now);
        foreach (var key in expired)
        {
            var before = await db.ApiKeys.CountAsync(k => k.OrganizationId == key.OrganizationId && string.Compare(k.Name, key.Name) < 0);
            if (before < 5) return (key.OrganizationId, key.Name);
        }
        throw new InvalidOperationException("The demo holds no expired active key on the first page of its organization's keys.");
    }
}
