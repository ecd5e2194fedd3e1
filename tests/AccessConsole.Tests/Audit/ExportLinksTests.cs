using System.Text.RegularExpressions;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Bunit;

namespace AccessConsole.Tests.Audit;

/// <summary>The count of matching events above the log, and the two export links that take the same search with them.</summary>
public sealed partial class ExportLinksTests() : ConsoleComponentTests("Lee Legal", Roles.Legal)
{
    [Fact]
    public async Task One_matching_event_is_counted_in_the_singular_and_both_links_carry_the_filter()
    {
        var meridian = await App.Demo.OrganizationAsync(DemoCatalog.DisputedOrganization);
        var view = AuditPageView.Open(App, $"/audit?organization={meridian.Id}&action=access.revoke");

        view.Page.WaitForAssertion(() => Assert.Equal("1 event matches", Count(view)));
        Assert.Equal($"/audit/export?organization={meridian.Id}&action=access.revoke&format=csv", view.Page.Named("Export CSV").GetAttribute("action"));
        Assert.Equal($"/audit/export?organization={meridian.Id}&action=access.revoke&format=jsonl", view.Page.Named("Export JSON Lines").GetAttribute("action"));
    }

    [Fact]
    public async Task Many_matching_events_are_counted_in_the_plural()
    {
        var revokes = (await App.Demo.AllEventsAsync()).Count(e => e.Action == "access.revoke");
        Assert.True(revokes > 1);

        var view = AuditPageView.Open(App, "/audit?action=access.revoke");

        view.Page.WaitForAssertion(() => Assert.Equal($"{revokes:N0} events match", Count(view)));
    }

    [Fact]
    public void Without_a_filter_the_links_export_the_whole_log_and_no_match_reads_0_events()
    {
        var links = App.Render<ExportLinks>(p => p.Add(l => l.Filter, new AuditFilter()).Add(l => l.Count, 0));

        Assert.Contains("0 events match", links.Shown());
        Assert.Equal("/audit/export?format=csv", links.Named("Export CSV").GetAttribute("action"));
        Assert.Equal("/audit/export?format=jsonl", links.Named("Export JSON Lines").GetAttribute("action"));
    }

    [Fact]
    public async Task The_JSON_Lines_link_downloads_exactly_the_events_counted()
    {
        var view = AuditPageView.Open(App, "/audit?action=access.restrict&reason=capacity");
        view.Page.WaitForAssertion(() => Assert.Matches(CountText(), Count(view)));
        var client = await App.Demo.Factory.SignedInClientAsync("Lee Legal", Roles.Legal);

        var export = await ExportDownload.PostAsync(client, view.Page.Named("Export JSON Lines").GetAttribute("action")!.Split('?')[1]);

        var expected = (await App.Demo.AllEventsAsync()).Where(e => e.Action == "access.restrict" && e.ReasonCode == "capacity").Select(e => e.Sequence);
        Assert.Equal(expected.Order(), export.Events.Select(e => e.Sequence).Order());
        Assert.Equal($"{export.Events.Count:N0} {(export.Events.Count == 1 ? "event matches" : "events match")}", Count(view));
    }

    private static string Count(AuditPageView view) => CountText().Match(view.Page.Shown()).Value;

    [GeneratedRegex(@"[\d,]+ events? match(es)?")]
    private static partial Regex CountText();
}
