using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

public sealed class SupportLookupTests : IAsyncLifetime
{
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() => app = await BrowserApp.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Support_finds_an_organization_by_key_prefix_and_sees_its_keys_masked()
    {
        var page = await app.SignInAsync("Sam Support", Roles.Support);
        var secret = DemoKeys.Secret("kestrel-staging");
        var prefix = KeyFormat.DisplayPrefixOf(secret);

        await page.SearchCustomersAsync(prefix);
        await page.LookupResults().GetByRole(AriaRole.Link, new() { Name = DemoCatalog.StoppedKeyOrganization }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = DemoCatalog.StoppedKeyOrganization })).ToBeVisibleAsync();
        var keys = page.Grid("API keys");
        await Assertions.Expect(keys).ToContainTextAsync(KeyFormat.Mask(prefix, KeyFormat.LastFourOf(secret)));
        Assert.DoesNotContain(secret, await page.ContentAsync());
    }

    [Fact]
    public async Task A_pasted_whole_key_is_cleared_from_the_search_box_after_the_search()
    {
        var page = await app.SignInAsync("Sam Support", Roles.Support);

        await page.SearchCustomersAsync(DemoKeys.Secret("meridian-prod"));

        await Assertions.Expect(page.LookupResults().GetByRole(AriaRole.Link, new() { Name = DemoCatalog.DisputedOrganization })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Search customers")).ToHaveValueAsync("");
        Assert.DoesNotContain(DemoKeys.Secret("meridian-prod"), page.Url);
    }

    [Fact]
    public async Task Paging_the_organizations_grid_round_trips_through_the_circuit()
    {
        var page = await app.SignInAsync("Sam Support", Roles.Support);
        await page.GotoAsync("/organizations");
        await BrowserApp.WaitForCircuitAsync(page);
        var grid = page.Grid("Organizations");
        var firstRow = grid.DataRows().First;
        await Assertions.Expect(firstRow).Not.ToBeEmptyAsync();
        var before = await firstRow.InnerTextAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

        await Assertions.Expect(firstRow).Not.ToHaveTextAsync(before);
    }
}
