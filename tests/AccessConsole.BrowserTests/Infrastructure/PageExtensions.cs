using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests.Infrastructure;

public static class PageExtensions
{
    /// <summary>A table by the label the page gives it (on the table or on the region around it).</summary>
    public static ILocator Grid(this IPage page, string label) =>
        page.Locator($"table[aria-label=\"{label}\"], [aria-label=\"{label}\"] table").First;

    /// <summary>The data rows of a table: body rows with cells of their own, not the one cell spanning them that says "no records".</summary>
    public static ILocator DataRows(this ILocator grid) =>
        grid.Locator("tbody tr").Filter(new() { Has = grid.Page.Locator("td:not([colspan])") });

    /// <summary>Searches in the lookup page's own search box, going to that page first from anywhere else.</summary>
    public static async Task SearchCustomersAsync(this IPage page, string text)
    {
        if (!page.Url.EndsWith('/'))
        {
            await page.GotoAsync("/");
            await BrowserApp.WaitForCircuitAsync(page);
        }
        await page.GetByLabel("Search customers").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
    }

    /// <summary>The grid of lookup matches (the explanations below it link to the organizations too).</summary>
    public static ILocator LookupResults(this IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Lookup results" });

    /// <summary>
    /// Waits for a submitted form to take the page to its result. If the page stays, the failure quotes the page's
    /// messages, which say whether the form refused the input.
    /// </summary>
    public static async Task ExpectSubmittedToAsync(this IPage page, Regex url)
    {
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(url);
        }
        catch (PlaywrightException failure)
        {
            var messages = await page.GetByRole(AriaRole.Alert).AllInnerTextsAsync();
            throw new PlaywrightException($"{failure.Message}\nMessages on the page: {string.Join(" | ", messages)}", failure);
        }
    }
}
