using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AccessConsole.Tests.Audit;

/// <summary>The event drawer is part of the address: /audit?event=N opens it, with the search kept, and closing it takes the event out.</summary>
public sealed class AuditDrawerTests() : ConsoleComponentTests("Lee Legal", Roles.Legal)
{
    private List<AuditEvent> events = null!;

    protected override async Task StartedAsync() => events = await App.Demo.AllEventsAsync();

    /// <summary>Scenario 6's suspension of the disputed organization, which follows its earlier cap.</summary>
    private AuditEvent Revocation => events.Single(e => e is { Action: "access.revoke", SubjectKind: "Organization", ReasonCode: not null, PreviousChangeSequence: not null }
        && e.OrganizationName == DemoCatalog.DisputedOrganization);

    [Fact]
    public void The_event_address_opens_the_drawer_with_words_and_the_codes_beside_them()
    {
        var e = Revocation;
        var view = AuditPageView.Open(App, $"/audit?event={e.Sequence}");

        var drawer = view.Page.WaitForElement($"[role=dialog][aria-label='Audit event {e.Sequence}']");
        var facts = drawer.QuerySelectorAll("dt").ToDictionary(dt => dt.Shown(), dt => dt.NextElementSibling!.Shown());
        Assert.Equal("Revoked access.revoke", facts["Action"]);
        Assert.StartsWith("Organization " + e.SubjectName, facts["Subject"]);
        Assert.Equal($"{ReasonLabel(e.ReasonCode!)} {e.ReasonCode}", facts["Reason"]);
        var previous = Assert.Single(drawer.QuerySelectorAll("a[href]"), a => a.Shown() == $"event #{e.PreviousChangeSequence:N0}");
        Assert.Equal($"/audit?event={e.PreviousChangeSequence}", previous.GetAttribute("href"));
        // The list of the newest events stays under it.
        Assert.Equal(events.OrderByDescending(x => x.Sequence).Take(50).Select(x => x.Sequence), view.Sequences);
    }

    [Fact]
    public async Task An_event_number_in_the_list_opens_its_drawer_and_keeps_the_filters()
    {
        var meridian = await App.Demo.OrganizationAsync(DemoCatalog.DisputedOrganization);
        var view = AuditPageView.Open(App, $"/audit?organization={meridian.Id}");
        var first = view.Sequences[0];

        view.Navigation.Follow(view.Page.Link($"Open event {first}"));

        Assert.Equal($"/audit?organization={meridian.Id}&event={first}", view.Address);
        view.Page.WaitForElement($"[role=dialog][aria-label='Audit event {first}']");
        Assert.Contains($"Audit event {first}", view.Page.DialogTitles());
    }

    [Fact]
    public void Closing_the_drawer_takes_the_event_out_of_the_address_and_keeps_the_search()
    {
        var e = Revocation;
        var view = AuditPageView.Open(App, $"/audit?action=access.revoke&event={e.Sequence}");
        view.Page.WaitForElement("[role=dialog]");

        view.Page.Button("Close event").Click();

        Assert.Equal("/audit?action=access.revoke", view.Address);
        view.Page.WaitForAssertion(() => Assert.Empty(view.Page.FindAll("[role=dialog]")));
        // The newest page of the revocations (the demo's history holds more than a page of them).
        Assert.Equal(events.Where(x => x.Action == "access.revoke").OrderByDescending(x => x.Sequence).Take(50).Select(x => x.Sequence), view.Sequences);
    }

    [Fact]
    public void Escape_closes_the_drawer()
    {
        var e = Revocation;
        var view = AuditPageView.Open(App, $"/audit?event={e.Sequence}");
        var drawer = view.Page.WaitForElement("[role=dialog]");

        drawer.QuerySelector("[tabindex='-1']")!.KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Equal("/audit", view.Address);
        view.Page.WaitForAssertion(() => Assert.Empty(view.Page.FindAll("[role=dialog]")));
    }

    [Fact]
    public void An_event_the_log_does_not_hold_says_so_in_the_drawer()
    {
        var missing = events[^1].Sequence + 1_000;
        var view = AuditPageView.Open(App, $"/audit?event={missing}");

        var drawer = view.Page.WaitForElement("[role=dialog]");
        view.Page.WaitForAssertion(() => Assert.Contains($"The audit log has no event {missing:N0}.", view.Page.Find("[role=dialog]").Shown()));
        Assert.Equal($"Audit event {missing}", drawer.GetAttribute("aria-label"));
    }

    [Fact]
    public void An_event_that_is_not_a_number_is_an_error_of_the_address()
    {
        var view = AuditPageView.Open(App, "/audit?event=latest");

        var alert = Assert.Single(view.Page.FindAll("[role=alert]"));
        Assert.Contains("'event' must be a sequence number, not 'latest'.", alert.Shown());
        Assert.Empty(view.Page.FindAll("[role=dialog]"));
    }

    [Fact]
    public void The_list_shows_actions_subjects_and_reasons_as_words_with_the_code_in_a_tooltip()
    {
        var e = Revocation;
        var view = AuditPageView.Open(App, $"/audit?action=access.revoke");

        var row = view.Page.Link($"Open event {e.Sequence}").Closest("tr")!;
        var cells = row.QuerySelectorAll("td").ToDictionary(td => td.GetAttribute("data-label")!, td => td);
        Assert.Equal("Revoked", cells["Action"].Shown());
        Assert.Equal("access.revoke", cells["Action"].QuerySelector("[title]")!.GetAttribute("title"));
        Assert.Equal(ReasonLabel(e.ReasonCode!), cells["Reason"].Shown());
        Assert.Equal(e.ReasonCode, cells["Reason"].QuerySelector("[title]")!.GetAttribute("title"));
        Assert.Equal($"Organization: {e.SubjectName}", cells["Subject"].Shown());
    }

    private string ReasonLabel(string code)
    {
        using var db = App.Demo.Contexts.CreateDbContext();
        return db.ReasonCodes.Single(r => r.Code == code).Label;
    }
}
