using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Organizations.Timeline;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AccessConsole.Tests.Scheduling;

/// <summary>
/// The demo's pending scheduled change (Glide Software's capacity cut) where people look for a customer: its page, its
/// timeline and the lookup, with who scheduled it, when it takes effect and its event; cancelled from the page.
/// </summary>
public sealed class ScheduledChangesPanelTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private const string Glide = "Glide Software";

    [Fact]
    public async Task The_organization_page_shows_the_scheduled_change_with_who_when_and_its_event_and_cancels_it_with_a_reason()
    {
        var glide = await App.Demo.OrganizationAsync(Glide);
        var page = App.RenderWithDialogs<OrganizationPage>(p => p.Add(o => o.Id, glide.Id));
        page.WaitForAssertion(() => Assert.True(page.HasNamed("Scheduled changes")), TimeSpan.FromSeconds(30));

        var region = page.Named("Scheduled changes");
        Assert.Matches(@$"^Scheduled changes: Restrict {Glide}: Scheduled, takes effect \d{{4}}-\d\d-\d\d 09:00 UTC, scheduled by Priya Raman \(event #[\d,]+\)",
            region.Shown());
        var scheduling = (await App.Demo.AllEventsAsync()).Last(e => e.Action == JobEvents.Scheduled && e.OrganizationName == Glide);
        // An account manager may not read the audit log: the event is named, and a link only for those who may.
        Assert.Equal($"event #{scheduling.Sequence:N0}", Assert.Single(region.QuerySelectorAll($"[title='Audit event {scheduling.Sequence:N0}']")).Shown());

        Assert.Single(page.FindAll("button"), b => b.Name() == $"Cancel the scheduled change: Restrict {Glide}").Click();
        page.WaitForAssertion(() => Assert.Contains("Cancel the scheduled change", page.DialogTitles()));
        page.Labelled("Why cancel it").Type("Glide asked for two more weeks; a new date follows.");
        var button = page.Button("Cancel the change");
        await Assert.Single(page.FindAll("form"), f => f.Id == button.GetAttribute("form")).SubmitAsync();

        page.WaitForAssertion(() => Assert.False(page.HasNamed("Scheduled changes")));
        var cancelled = (await App.Demo.AllEventsAsync())[^1];
        Assert.Equal((JobEvents.ScheduleCancelled, "Casey Manager", Glide), (cancelled.Action, cancelled.ActorName, cancelled.OrganizationName));
        Assert.Equal(AccessState.Active, (await App.Demo.ReadAsync(glide)).AccessState);
    }

    [Fact]
    public async Task The_timeline_says_when_the_scheduled_change_takes_effect()
    {
        var glide = await App.Demo.OrganizationAsync(Glide);

        var timeline = App.Render<TimelineView>(p => p.Add(t => t.OrganizationId, glide.Id));

        timeline.WaitForAssertion(() => Assert.Contains("Change scheduled", timeline.Shown()), TimeSpan.FromSeconds(30));
        Assert.Matches(@"Change scheduled: Glide Software\s*Takes effect \d{4}-\d\d-\d\d 09:00 UTC", timeline.Shown());
    }

    [Fact]
    public async Task The_lookup_shows_a_found_customers_scheduled_change()
    {
        var page = App.Render<LookupPage>();

        page.Labelled("Search customers").Type(Glide);
        await page.Button("Search").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.True(page.HasNamed($"Scheduled changes of {Glide}")));
        Assert.Contains("scheduled by Priya Raman", page.Named($"Scheduled changes of {Glide}").Shown());
    }
}
