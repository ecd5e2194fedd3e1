using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>Runs axe-core on a page and keeps the violations the console does not accept: those of serious or critical impact.</summary>
public static class AxeAudit
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    // Some buttons and menu links carry a ::before overlay that is fully transparent at rest and only shows on hover or
    // focus. axe cannot see through a pseudo-element, so it files their text contrast under "needs review" and checks nothing
    // (that is how a 1.4:1 Sign out button went unnoticed). An overlay with opacity 0 paints nothing, so removing it changes
    // no pixel and lets axe decide; an overlay that does paint is left alone.
    private const string RemoveTransparentOverlays = """
        () => {
            for (const element of document.querySelectorAll('*')) {
                for (const pseudo of ['before', 'after']) {
                    const style = getComputedStyle(element, '::' + pseudo);
                    if (style.content !== 'none' && style.opacity === '0') element.setAttribute('data-axe-hide-' + pseudo, '');
                }
            }
            const sheet = document.createElement('style');
            sheet.textContent = '[data-axe-hide-before]::before, [data-axe-hide-after]::after { content: none !important; }';
            document.head.append(sheet);
        }
        """;

    public static async Task<IReadOnlyList<AxeResultItem>> BlockingViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(RemoveTransparentOverlays);
        var result = await page.RunAxe();
        return result.Violations.Where(v => BlockingImpacts.Contains(v.Impact))
            .Concat(result.Incomplete.Select(InvisibleText).OfType<AxeResultItem>())
            .ToList();
    }

    // Text in the colour of its background is only "needs review" to axe, because a page may hide text that way on purpose.
    // The console never does, and a button whose label cannot be seen is a failure (the no-access page's Sign out was one).
    private static AxeResultItem? InvisibleText(AxeResultItem incomplete)
    {
        if (incomplete.Id != "color-contrast") return null;
        var nodes = incomplete.Nodes.Where(n => n.Any.Any(c => c.Data is JObject data && (string?)data["messageKey"] == "equalRatio")).ToArray();
        return nodes.Length == 0 ? null : new AxeResultItem { Id = incomplete.Id, Impact = incomplete.Impact, Help = "Text is in the colour of its background", Nodes = nodes };
    }

    public static string Describe(IEnumerable<AxeResultItem> violations) =>
        string.Join("\n", violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    at {n.Target}  {Shorten(n.Html)}"))));

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
