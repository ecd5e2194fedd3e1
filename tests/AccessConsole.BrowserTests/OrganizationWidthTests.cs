using System.Text.RegularExpressions;
using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

/// <summary>
/// The organization and integration lists and pages at the widths the console promises: no column header or state chip
/// cut, no table wider than the page. Seen by an account manager, whose tables carry the change buttons too.
/// </summary>
public sealed class OrganizationWidthTests(SharedBrowserApp shared) : IClassFixture<SharedBrowserApp>
{
    public static TheoryData<string, int> Views()
    {
        var views = new TheoryData<string, int>();
        foreach (var width in WidthAudit.Widths)
        {
            foreach (var view in new[] { "Organizations", "Keys tab", "Integrations tab", "Integrations", "Integration" }) views.Add(view, width);
        }
        return views;
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Nothing_is_cut_and_no_table_is_wider_than_the_page(string view, int width)
    {
        var app = await shared.GetAsync();
        var demo = await DemoDirectory.ReadAsync(app.Factory.Services);
        var page = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await page.SetViewportSizeAsync(width, 900);

        switch (view)
        {
            case "Organizations":
                await OpenAsync(page, "/organizations");
                await page.Grid("Organizations").DataRows().First.WaitForAsync();
                break;
            case "Keys tab":
                await OpenAsync(page, $"/organizations/{demo.Organization(DemoCatalog.StoppedKeyOrganization)}");
                await OpenTabAsync(page, "Keys");
                await page.Grid("API keys").DataRows().First.WaitForAsync();
                break;
            case "Integrations tab":
                await OpenAsync(page, $"/organizations/{demo.Organization(DemoCatalog.RivalLab)}");
                await OpenTabAsync(page, "Integrations");
                await page.Grid("Integrations used").DataRows().First.WaitForAsync();
                break;
            case "Integrations":
                await OpenAsync(page, "/integrations");
                await page.Grid("Integrations").DataRows().First.WaitForAsync();
                break;
            default:
                await OpenAsync(page, $"/integrations/{demo.Integration(DemoCatalog.BlockedIde)}");
                await page.Grid("Organizations using this integration").DataRows().First.WaitForAsync();
                break;
        }

        var problems = await WidthAudit.ProblemsAsync(page);

        Assert.True(problems.Count == 0, $"{view} at {width} px: {string.Join("; ", problems)}");
    }

    private static async Task OpenAsync(IPage page, string address)
    {
        await page.GotoAsync(address);
        await BrowserApp.WaitForCircuitAsync(page);
    }

    private static async Task OpenTabAsync(IPage page, string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex($"^{Regex.Escape(name)}(?!\\w)") });
        await tab.ClickAsync();
        await Assertions.Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }
}
