using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Bunit;

namespace AccessConsole.Tests.Audit;

/// <summary>
/// The audit pager on a log of more than one page: links that are addresses, keeping the filters, and marked as
/// unavailable where there is no such page.
/// </summary>
public sealed class AuditPagerTests() : ConsoleComponentTests("Lee Legal", Roles.Legal)
{
    private long last;

    protected override async Task StartedAsync()
    {
        await App.Demo.Factory.RevokeKeysAsync(AuditSearchService.PageSize + 10);
        last = (await App.Demo.AllEventsAsync())[^1].Sequence;
    }

    [Fact]
    public void The_newest_page_links_only_to_older_pages()
    {
        var view = AuditPageView.Open(App, "/audit");

        Assert.Equal(Range(last, last - 49), view.Sequences);
        Assert.Contains($"Sequences {last - 49}–{last}", view.Page.Named("Audit pages").Shown());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Newest"] = null, ["Newer"] = null, ["Older"] = $"/audit?before={last - 49}", ["Oldest"] = "/audit?after=0",
        }, view.Pager);
    }

    [Fact]
    public void Older_then_Newer_move_the_address_and_the_events_a_page_at_a_time()
    {
        var view = AuditPageView.Open(App, "/audit");

        view.FollowPager("Older");
        Assert.Equal($"/audit?before={last - 49}", view.Address);
        // The demo's history makes the log many pages long: the second page has older pages after it too.
        Assert.Equal(Range(last - 50, last - 99), view.Sequences);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Newest"] = "/audit", ["Newer"] = $"/audit?after={last - 50}", ["Older"] = $"/audit?before={last - 99}", ["Oldest"] = "/audit?after=0",
        }, view.Pager);

        view.FollowPager("Newer");
        Assert.Equal($"/audit?after={last - 50}", view.Address);
        Assert.Equal(Range(last, last - 49), view.Sequences);
    }

    [Fact]
    public void Oldest_shows_the_first_events_of_the_log()
    {
        var view = AuditPageView.Open(App, "/audit");

        view.FollowPager("Oldest");

        Assert.Equal("/audit?after=0", view.Address);
        Assert.Equal(Range(50, 1), view.Sequences);
        Assert.Null(view.Pager["Older"]);
        Assert.Null(view.Pager["Oldest"]);
    }

    [Fact]
    public void The_pager_keeps_the_filters_in_its_links()
    {
        var view = AuditPageView.Open(App, $"/audit?reason={StandardReasonCodes.KeyExposed}");

        Assert.Equal(AuditSearchService.PageSize, view.Sequences.Count);
        Assert.Equal($"/audit?reason={StandardReasonCodes.KeyExposed}&before={view.Sequences[^1]}", view.Pager["Older"]);
        Assert.Equal($"/audit?reason={StandardReasonCodes.KeyExposed}&after=0", view.Pager["Oldest"]);
    }

    private static List<long> Range(long from, long downTo) =>
        Enumerable.Range(0, (int)(from - downTo + 1)).Select(i => from - i).ToList();
}
