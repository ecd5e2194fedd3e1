using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk;
using AccessConsole.Web.Bulk.Pages;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Bulk.Pages;

/// <summary>The preview of a segment on the new bulk change page: what it reaches, its subjects page by page, gone once the segment changes.</summary>
public sealed class SegmentPreviewPanelTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private static readonly Segment FreeTier = new() { Tiers = [Tier.Free] };

    private IRenderedComponent<UiComponents.WithDialogs> page = null!;

    protected override Task StartedAsync()
    {
        page = App.RenderWithDialogs<NewBulkChangePage>(_ => { });
        page.WaitForAssertion(() => Assert.Contains("competitor", page.OpenOptions("Tag")));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_preview_says_what_the_segment_reaches_and_lists_its_first_subjects()
    {
        var expected = await Bulk.PreviewAsync(FreeTier, 0, 10);

        await PreviewAsync("Free");

        var impact = expected.Impact!;
        Assert.Equal($"{impact.Subjects:N0} subjects · {impact.Keys:N0} keys of their organizations · {impact.RecentRequests:N0} requests in the last {ChangePreviewService.ImpactDays} days",
            Assert.Single(page.Named("Preview").QuerySelectorAll("[role=status]")).Shown());
        Assert.True(impact.Subjects > 10);
        page.WaitForAssertion(() => Assert.Equal(expected.Rows.Select(r => r.Name), Subjects()));
        Assert.Equal($"/organizations/{expected.Rows[0].OrganizationId}", page.Link(expected.Rows[0].Name).GetAttribute("href"));
    }

    [Fact]
    public async Task The_next_page_lists_the_next_subjects()
    {
        var second = await Bulk.PreviewAsync(FreeTier, 10, 10);
        await PreviewAsync("Free");
        page.WaitForAssertion(() => Assert.Equal(10, Subjects().Count));

        Assert.Single(page.FindAll("button"), b => b.Name().Contains("next page", StringComparison.OrdinalIgnoreCase)).Click();

        page.WaitForAssertion(() => Assert.Equal(second.Rows.Select(r => r.Name), Subjects()));
    }

    [Fact]
    public async Task One_subject_is_counted_in_the_singular()
    {
        page.Labelled("Only these organizations (optional: one name or id per line)").Type(DemoCatalog.RivalLab);

        await page.Button("Preview").ClickAsync(new MouseEventArgs());

        Assert.StartsWith("1 subject ·", Assert.Single(page.Named("Preview").QuerySelectorAll("[role=status]")).Shown());
        page.WaitForAssertion(() => Assert.Equal([DemoCatalog.RivalLab], Subjects()));
    }

    [Fact]
    public async Task Editing_the_segment_drops_a_preview_that_no_longer_matches()
    {
        await PreviewAsync("Free");
        Assert.True(page.HasNamed("Preview"));

        page.WrappedBy("Build").Tick();

        Assert.False(page.HasNamed("Preview"));
        Assert.False(page.HasNamed("Subjects in the segment"));
    }

    private BulkChangeService Bulk => App.Services.GetRequiredService<BulkChangeService>();

    private async Task PreviewAsync(string tier)
    {
        page.WrappedBy(tier).Tick();
        await page.Button("Preview").ClickAsync(new MouseEventArgs());
    }

    private List<string> Subjects() =>
        page.Named("Subjects in the segment").QuerySelectorAll("a[href^='/organizations/']").Select(a => a.Shown()).ToList();
}
