using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Approvals.Pages;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static AccessConsole.Tests.Approvals.Pages.ApprovalRequests;

namespace AccessConsole.Tests.Approvals.Pages;

/// <summary>The review of a request: a second person approves or rejects it with a comment; the requester cannot.</summary>
public sealed class ApprovalDialogTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private const string Comment = "Checked with legal: the terms clause applies.";

    private SubjectRef lab;
    private ApprovalRequest request = null!;

    protected override async Task StartedAsync()
    {
        lab = await App.Demo.OrganizationAsync(DemoCatalog.RivalLab);
        request = await RevokeAsync(App, DemoCatalog.RivalLab, "Alex Manager");
    }

    [Fact]
    public void The_review_puts_the_cursor_in_Comment_and_nowhere_after_it()
    {
        var page = Review();

        page.WaitForAssertion(() => Assert.Equal(["#" + page.Labelled("Comment").Id], App.FocusRequests(page)));
    }

    [Fact]
    public async Task A_second_person_approves_with_a_comment_and_the_change_is_applied_with_them_as_approver()
    {
        var page = Review();

        page.Labelled("Comment").Type(Comment);
        page.Button("Approve").Click();

        page.WaitForAssertion(() => Assert.Equal("Approved and applied: Northwind AI Labs changed.", Outcome(page)));
        Assert.Equal($"/bulk/{request.JobId}", page.Link("See the change").GetAttribute("href"));
        Assert.Equal(AccessState.Revoked, (await App.Demo.ReadAsync(lab)).AccessState);
        Assert.Equal((ApprovalState.Approved, "Casey Manager", Comment), await DecisionAsync());
        var events = await EventsAsync(App, request);
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Approved, "access.revoke"], events.Select(e => e.Action));
        Assert.Equal(("Casey Manager", Comment), (events[1].ActorName, events[1].Justification));
        Assert.Equal(("Alex Manager", "Casey Manager"), (events[2].ActorName, events[2].ApproverName));
    }

    [Fact]
    public async Task The_review_shows_the_notice_the_change_will_send_and_that_it_is_not_sent_yet()
    {
        var notice = new AccessConsole.Web.Notices.CustomerNotice("Your API access, Helix Intelligence", "Dear Helix Intelligence,\nyour access to our API ends.");
        await RevokeAsync(App, DemoCatalog.IdeRival, "Alex Manager", notice: notice);
        var page = OpenPage(App, rows: 2);

        page.Button("Review Revoke Helix Intelligence").Click();

        page.WaitForAssertion(() => Assert.True(page.HasNamed("Notice to the customer")));
        var shown = page.Named("Notice to the customer").Shown();
        Assert.Contains("Not sent yet: it goes out once the change is approved.", shown);
        Assert.Contains("Your API access, Helix Intelligence", shown);
        Assert.Contains("your access to our API ends.", shown);
    }

    [Fact]
    public async Task A_scheduled_request_says_it_keeps_its_time_if_approved_before_then_and_approved_it_waits_for_that_time()
    {
        var helix = await App.Demo.OrganizationAsync(DemoCatalog.IdeRival);
        var at = DateTime.UtcNow.AddDays(3);
        await RevokeAsync(App, DemoCatalog.IdeRival, "Alex Manager", at);
        var page = OpenPage(App, rows: 2);
        page.Button("Review Revoke Helix Intelligence").Click();
        page.WaitForAssertion(() => Assert.Contains("Takes effect", page.Find("[role=dialog]").Shown()));

        Assert.Contains($"{at:yyyy-MM-dd HH:mm} UTC, on the subjects fixed when it was scheduled", page.Find("[role=dialog]").Shown());
        Assert.Contains("approved before then, it keeps this time; still waiting for approval then, it takes effect when approved, never retroactively",
            page.Find("[role=dialog]").Shown());
        page.Labelled("Comment").Type(Comment);
        page.Button("Approve").Click();

        page.WaitForAssertion(() => Assert.Equal($"Approved: the change takes effect at {at:yyyy-MM-dd HH:mm} UTC, as scheduled.", Outcome(page)));
        Assert.Equal(AccessState.Active, (await App.Demo.ReadAsync(helix)).AccessState);
    }

    [Fact]
    public async Task Rejecting_records_the_comment_and_changes_nothing()
    {
        var page = Review();

        page.Labelled("Comment").Type("Not enough evidence yet.");
        page.Button("Reject").Click();

        page.WaitForAssertion(() => Assert.Equal("Rejected: nothing was changed.", Outcome(page)));
        Assert.Equal(AccessValue.Active, (await App.Demo.ReadAsync(lab)).Access);
        Assert.Equal((ApprovalState.Rejected, "Casey Manager", "Not enough evidence yet."), await DecisionAsync());
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Rejected], (await EventsAsync(App, request)).Select(e => e.Action));
    }

    [Fact]
    public async Task A_decision_without_a_comment_is_refused_at_the_comment_and_nothing_is_decided()
    {
        var events = await App.Demo.AuditCountAsync();
        var page = Review();

        page.Labelled("Comment").Type("   ");
        page.Button("Approve").Click();

        page.WaitForAssertion(() => Assert.Equal("Write a comment for the record.", page.MessageAt(DecisionFields.Comment)));
        Assert.Null(Outcome(page));
        Assert.Equal((ApprovalState.Pending, (string?)null, (string?)null), await DecisionAsync());
        Assert.Equal((AccessValue.Active, events), ((await App.Demo.ReadAsync(lab)).Access, await App.Demo.AuditCountAsync()));
    }

    [Fact]
    public async Task The_requester_who_opens_their_own_request_is_refused_and_nothing_is_decided()
    {
        var mine = await RevokeAsMeAsync(App, DemoCatalog.IdeRival);
        var helix = await App.Demo.OrganizationAsync(DemoCatalog.IdeRival);
        var row = (await App.Services.GetRequiredService<ApprovalService>().ListAsync(ApprovalTab.Mine, 0, 10)).Rows.Single(r => r.Id == mine.Id);
        var page = OpenPage(App, rows: 2);
        var events = await App.Demo.AuditCountAsync();
        _ = page.InvokeAsync(() => ApprovalDialog.ShowAsync(App.Services.GetRequiredService<IDialogService>(), row));
        page.WaitForAssertion(() => Assert.Contains("Review: Revoke Helix Intelligence", page.DialogTitles()));

        page.Labelled("Comment").Type("Approving my own request.");
        page.Button("Approve").Click();

        page.WaitForAssertion(() => Assert.Equal("You asked for this change: another account manager or admin must decide it.", page.MessageAt(DecisionFields.Request)));
        Assert.Equal(ApprovalState.Pending, (await ReadAsync(App, mine.Id)).State);
        Assert.Equal((AccessValue.Active, events), ((await App.Demo.ReadAsync(helix)).Access, await App.Demo.AuditCountAsync()));
    }

    /// <summary>Opens the approvals page and presses Review on the request, as the person does.</summary>
    private IRenderedComponent<UiComponents.WithDialogs> Review()
    {
        var page = OpenPage(App, rows: 1);
        page.Button("Review Revoke Northwind AI Labs").Click();
        page.WaitForAssertion(() => Assert.Equal(["Review: Revoke Northwind AI Labs"], page.DialogTitles()));
        return page;
    }

    private static string? Outcome(IRenderedComponent<UiComponents.WithDialogs> page) =>
        page.FindAll("[role=dialog] [role=status]").SingleOrDefault()?.Shown();

    private async Task<(ApprovalState, string?, string?)> DecisionAsync()
    {
        var stored = await ReadAsync(App, request.Id);
        return (stored.State, stored.DecidedByName, stored.Comment);
    }
}
