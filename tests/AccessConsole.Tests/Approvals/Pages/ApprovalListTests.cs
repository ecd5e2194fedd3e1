using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Bunit;
using static AccessConsole.Tests.Approvals.Pages.ApprovalRequests;

namespace AccessConsole.Tests.Approvals.Pages;

/// <summary>The approvals page's lists: what waits for me, what I asked for, what was decided; they follow decisions as they happen.</summary>
public sealed class ApprovalListTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    [Fact]
    public async Task Another_persons_request_offers_a_review_and_my_own_says_another_person_decides()
    {
        await RevokeAsync(App, DemoCatalog.RivalLab, "Alex Manager");
        await RevokeAsMeAsync(App, DemoCatalog.IdeRival);

        var page = OpenPage(App, rows: 2);

        var rows = page.RowTexts("Pending requests");
        Assert.Single(rows, r => r.StartsWith("Revoke Northwind AI Labs revoking an Enterprise organization") && r.Contains("Alex Manager") && r.EndsWith("Review"));
        Assert.Single(rows, r => r.StartsWith("Revoke Helix Intelligence") && r.Contains("Casey Manager") && r.EndsWith("Yours: another person decides"));
        Assert.Contains("Review Revoke Northwind AI Labs", page.ButtonNames());
        Assert.DoesNotContain("Review Revoke Helix Intelligence", page.ButtonNames());

        Tab(page, "Mine");

        page.WaitForAssertion(() => Assert.Equal(["Revoke Helix Intelligence"], Changes(page, "My requests")));
    }

    [Fact]
    public async Task An_approved_request_leaves_the_pending_list_and_shows_in_Decided_with_who_approved()
    {
        await RevokeAsync(App, DemoCatalog.RivalLab, "Alex Manager");
        var page = OpenPage(App, rows: 1);
        page.Button("Review Revoke Northwind AI Labs").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.DialogTitles()));
        page.Labelled("Comment").Type("Agreed with legal.");
        page.Button("Approve").Click();
        page.WaitForAssertion(() => Assert.Contains("Done", page.ButtonNames()));

        page.Button("Done").Click();

        page.WaitForAssertion(() => Assert.Empty(page.RowTexts("Pending requests")));
        Assert.Empty(page.DialogTitles());
        Assert.Contains("No requests.", page.Named("Pending requests").Shown());
        Tab(page, "Decided");
        page.WaitForAssertion(() => Assert.Single(page.RowTexts("Decided requests"), r =>
            r.StartsWith("Revoke Northwind AI Labs") && r.Contains("Approved by Casey Manager")));
    }

    [Fact]
    public async Task A_request_made_elsewhere_appears_without_reloading_the_page()
    {
        var page = OpenPage(App, rows: 0);

        await RevokeAsync(App, DemoCatalog.RivalLab, "Alex Manager");

        page.WaitForAssertion(() => Assert.Equal(["Revoke Northwind AI Labs"], Changes(page, "Pending requests")));
        Assert.Contains("Review Revoke Northwind AI Labs", page.ButtonNames());
    }

    private static void Tab(IRenderedComponent<UiComponents.WithDialogs> page, string name) =>
        Assert.Single(page.FindAll("[role=tab]"), t => t.Shown() == name).Click();

    private static List<string> Changes(IRenderedComponent<UiComponents.WithDialogs> page, string list) =>
        page.Named(list).QuerySelectorAll("a[href^='/bulk/']").Select(a => a.Shown()).ToList();
}
