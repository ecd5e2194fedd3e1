using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Bunit;

namespace AccessConsole.Tests.Audit;

/// <summary>The audit filters, bound to the address: every choice is a navigation, and an address restores the choices.</summary>
public sealed class AuditFiltersTests() : ConsoleComponentTests("Lee Legal", Roles.Legal)
{
    private List<AuditEvent> events = null!;

    protected override async Task StartedAsync() => events = await App.Demo.AllEventsAsync();

    [Fact]
    public void Choosing_an_action_puts_it_in_the_address_and_lists_only_its_events()
    {
        var view = AuditPageView.Open(App, "/audit");
        Assert.Equal(Newest(_ => true), view.Sequences);

        view.Page.PressAndChoose("Action", "Revoked");

        view.Page.WaitForAssertion(() => Assert.Equal("/audit?action=access.revoke", view.Address));
        view.Page.WaitForAssertion(() => Assert.Equal(Newest(e => e.Action == "access.revoke"), view.Sequences));
        Assert.Contains(Matching(e => e.Action == "access.revoke"), view.Page.Find(".match-count").TextContent);
        Assert.Equal("Revoked", view.Page.Showing("Action"));
    }

    [Fact]
    public async Task Choosing_an_organization_joins_the_filters_already_in_the_address()
    {
        var meridian = await App.Demo.OrganizationAsync(DemoCatalog.DisputedOrganization);
        var view = AuditPageView.Open(App, "/audit?action=access.revoke");

        view.Page.PressAndChoose("Organization", DemoCatalog.DisputedOrganization, typed: "Meridian");

        // The choice reaches the address once the list has handled the click: wait for it.
        view.Page.WaitForAssertion(() => Assert.Equal($"/audit?organization={meridian.Id}&action=access.revoke", view.Address));
        view.Page.WaitForAssertion(() => Assert.Equal(
            Newest(e => e.Action == "access.revoke" && e.OrganizationId == meridian.Id), view.Sequences));
        Assert.Single(view.Sequences);
    }

    [Fact]
    public async Task A_subject_id_typed_in_is_searched_for()
    {
        var key = await App.Demo.KeyAsync("kestrel-prod");
        var view = AuditPageView.Open(App, "/audit");

        view.Page.Labelled("Subject id").Type($" {key.Id} ");

        view.Page.WaitForAssertion(() => Assert.Equal($"/audit?subject={key.Id}", view.Address));
        view.Page.WaitForAssertion(() => Assert.Equal(Newest(e => e.SubjectId == key.Id.ToString()), view.Sequences));
        Assert.Single(view.Sequences);
    }

    [Fact]
    public void Dates_typed_in_bound_the_time_range_by_whole_days()
    {
        var from = DateTime.UtcNow.Date.AddDays(-20);
        var to = DateTime.UtcNow.Date.AddDays(-4);
        var view = AuditPageView.Open(App, "/audit");

        view.Page.Labelled("From (UTC)").Type($"{from:yyyy-MM-dd}");
        view.Page.WaitForAssertion(() => Assert.Equal($"/audit?from={from:yyyy-MM-dd}", view.Address));
        view.Page.Labelled("To (UTC)").Type($"{to:yyyy-MM-dd}");

        view.Page.WaitForAssertion(() => Assert.Equal($"/audit?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", view.Address));
        view.Page.WaitForAssertion(() => Assert.Equal(Newest(e => e.OccurredAt >= from && e.OccurredAt < to.AddDays(1)), view.Sequences));
        Assert.NotEmpty(view.Sequences);
    }

    [Fact]
    public void An_address_with_filters_shows_them_chosen_and_Clear_filters_returns_to_the_whole_log()
    {
        var view = AuditPageView.Open(App, "/audit?action=access.restrict&reason=capacity");
        Assert.Equal(("Restricted", "Capacity"), (view.Page.Showing("Action"), view.Page.Showing("Reason")));
        Assert.Equal(Newest(e => e.Action == "access.restrict" && e.ReasonCode == "capacity"), view.Sequences);

        view.Page.Button("Clear filters").Click();

        Assert.Equal("/audit", view.Address);
        view.Page.WaitForAssertion(() => Assert.Equal(Newest(_ => true), view.Sequences));
        Assert.Contains(Matching(_ => true), view.Page.Find(".match-count").TextContent);
        view.Page.WaitForAssertion(() => Assert.Equal((null, null), (view.Page.Showing("Action"), view.Page.Showing("Reason"))));
        Assert.DoesNotContain("Clear filters", view.Page.ButtonNames());
    }

    [Fact]
    public void An_address_the_log_cannot_search_says_what_is_wrong_and_lists_nothing()
    {
        var view = AuditPageView.Open(App, "/audit?colour=red");

        var alert = Assert.Single(view.Page.FindAll("[role=alert]"));
        Assert.Contains("This search cannot run", alert.Shown());
        Assert.Contains("'colour' is not a filter of the audit log; use organization, actor, action, reason, subject, from, to.", alert.Shown());
        Assert.Equal("/audit", view.Page.Link("Start a new search").GetAttribute("href"));
        Assert.Empty(view.Sequences);
    }

    /// <summary>The page of the newest matching events (the demo's history makes many searches longer than a page).</summary>
    private List<long> Newest(Func<AuditEvent, bool> matching) =>
        events.Where(matching).OrderByDescending(e => e.Sequence).Take(AuditSearchService.PageSize).Select(e => e.Sequence).ToList();

    /// <summary>How the page counts every matching event, on all its pages.</summary>
    private string Matching(Func<AuditEvent, bool> matching)
    {
        var count = events.Count(matching);
        return count == 1 ? "1 event matches" : $"{count:N0} events match";
    }
}
