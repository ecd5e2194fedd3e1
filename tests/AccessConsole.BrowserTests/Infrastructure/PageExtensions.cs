using Microsoft.Playwright;

namespace AccessConsole.BrowserTests.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// A Radzen data grid by the aria-label the page gives it. Radzen puts the label on its outer element, which the pages make
    /// a region so that the label is exposed at all; the grid itself cannot be named through Radzen.
    /// </summary>
    public static ILocator Grid(this IPage page, string label) => page.Locator($"[aria-label=\"{label}\"] [role=grid]");

    /// <summary>The data rows of a grid (not the "no records" row).</summary>
    public static ILocator DataRows(this ILocator grid) => grid.Locator("tbody tr.rz-data-row");

    /// <summary>The grid of lookup matches (the explanations below it link to the organizations too).</summary>
    public static ILocator LookupResults(this IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Lookup results" });
}
