using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>What the accessibility audit does on a page to reach the state it checks, each ending when that state shows.</summary>
public static class AuditSteps
{
    public static Func<IPage, Task> Search(string text) => async page =>
    {
        await page.SearchCustomersAsync(text);
        await page.Grid("Lookup results").DataRows().First.WaitForAsync();
    };

    public static Func<IPage, Task> SearchShowing(string text, string shown) => async page =>
    {
        await page.SearchCustomersAsync(text);
        await page.GetByText(shown).First.WaitForAsync();
    };

    public static Func<IPage, Task> OpenTab(string name, string gridLabel) => async page =>
    {
        await OpenTabAsync(page, name);
        await page.Grid(gridLabel).DataRows().First.WaitForAsync();
    };

    public static Func<IPage, Task> OpenChartTab(string name) => async page =>
    {
        await OpenTabAsync(page, name);
        await page.Locator("[aria-label=\"Daily requests\"] svg").First.WaitForAsync();
    };

    public static Func<IPage, Task> OpenTabShowing(string name, string text) => async page =>
    {
        await OpenTabAsync(page, name);
        await page.GetByText(text).First.WaitForAsync();
    };

    public static Func<IPage, Task> OpenDialog(string buttonName) => async page =>
    {
        await page.GetByRole(AriaRole.Button, new() { Name = buttonName }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Confirm" }).WaitForAsync();
    };

    public static Func<IPage, Task> Shows(string text) => page => page.GetByText(text).First.WaitForAsync();

    public static Func<IPage, Task> GridRows(string gridLabel) => page => page.Grid(gridLabel).DataRows().First.WaitForAsync();

    private static async Task OpenTabAsync(IPage page, string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex($"^{Regex.Escape(name)}(?!\\w)") });
        await tab.ClickAsync();
        await Assertions.Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }
}
