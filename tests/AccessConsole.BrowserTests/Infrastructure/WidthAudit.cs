using Microsoft.Playwright;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>
/// What a narrow window cuts: column headers and state chips whose text does not fit their box, and tables wider than
/// the page's main area. Read from the rendered layout, so that it holds whatever markup a table is made of.
/// </summary>
public static class WidthAudit
{
    /// <summary>The widths the console promises to be readable at.</summary>
    public static readonly int[] Widths = [1280, 1024];

    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => {
                const problems = [];
                const visible = e => e.getClientRects().length > 0;
                const cut = e => e.scrollWidth > e.clientWidth + 1;
                for (const header of document.querySelectorAll('main th, main [role=columnheader]')) {
                    if (!visible(header)) continue;
                    const text = header.textContent.trim();
                    const inner = [header, ...header.querySelectorAll('*')].filter(e => e.clientWidth > 0);
                    if (inner.some(cut)) problems.push(`header "${text}" is cut`);
                }
                for (const chip of document.querySelectorAll('main [data-state-chip]')) {
                    if (visible(chip) && [chip, ...chip.querySelectorAll('*')].some(e => e.clientWidth > 0 && cut(e))) problems.push(`state "${chip.textContent.trim()}" is cut`);
                }
                const main = document.querySelector('main');
                for (const table of document.querySelectorAll('main table')) {
                    if (visible(table) && table.getBoundingClientRect().right > main.getBoundingClientRect().right + 1)
                        problems.push(`table "${table.closest('[aria-label]')?.getAttribute('aria-label') ?? ''}" is wider than the page`);
                }
                if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push('the page scrolls sideways');
                return problems;
            }
            """);
}
