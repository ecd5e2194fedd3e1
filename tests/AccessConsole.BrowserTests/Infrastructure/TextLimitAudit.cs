using AccessConsole.Web.Hosting;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>
/// Finds text boxes a person could fill past what one circuit message carries. A box must stop typing (maxlength)
/// at a length whose UTF-8 form, at up to 3 bytes a character, fits in the message with room for its envelope.
/// </summary>
public static class TextLimitAudit
{
    private const int EnvelopeBytes = 16 * 1024;

    public static int LongestAllowed => (int)((CircuitLimits.MaxReceiveMessageSize - EnvelopeBytes) / 3);

    /// <summary>The visible, typeable text boxes with no maxlength or one past <see cref="LongestAllowed"/>, named as a person reads them.</summary>
    public static async Task<IReadOnlyList<string>> UnboundedTextBoxesAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            longest => [...document.querySelectorAll('input, textarea')]
                .filter(box => !box.readOnly && !box.disabled && box.getClientRects().length > 0)
                .filter(box => box.tagName === 'TEXTAREA' || ['text', 'search', 'email', 'url', 'tel', 'password'].includes(box.type))
                .filter(box => !(box.maxLength > 0 && box.maxLength <= longest))
                .map(box => `${box.labels?.[0]?.textContent?.trim() || box.getAttribute('aria-label') || box.id} (maxlength ${box.maxLength})`)
            """, LongestAllowed);
}
