using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

/// <summary>
/// No action runs on values that differ from what the screen shows: an edit lost with the connection, or a message
/// too large for the circuit, is sent again once the connection is back, and the change uses what the person sees.
/// </summary>
public sealed class CircuitInputTests : IAsyncLifetime
{
    private const string Lost = "Connection lost. Reconnecting…";
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() => app = await BrowserApp.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_edit_lost_with_the_connection_is_what_the_change_saves_once_it_is_back()
    {
        var (page, link, dialog) = await OpenRestrictDialogAsync();
        var justification = dialog.GetByLabel("Justification");
        await justification.FillAsync("Capacity plan agreed with the customer on the call.");

        await link.CutAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog, new() { Name = Lost })).ToBeVisibleAsync();
        // The person's last edit, whose event never reached the server.
        const string shown = "Capacity plan agreed in writing by the customer's CTO.";
        await justification.EvaluateAsync("(box, text) => box.value = text", shown);
        link.Restore();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog, new() { Name = Lost })).ToBeHiddenAsync(new() { Timeout = 40_000 });

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        Assert.Equal(shown, (await NewestEventAsync()).Justification);
    }

    [Fact]
    public async Task A_message_too_large_for_the_circuit_closes_the_connection_and_the_change_does_not_run()
    {
        var (page, _, dialog) = await OpenRestrictDialogAsync();
        var justification = dialog.GetByLabel("Justification");
        await justification.FillAsync("Capacity plan agreed with the customer on the call.");
        var before = await NewestEventAsync();
        await page.EvaluateAsync("""
            () => { window.reconnectStates = [];
                    document.addEventListener('components-reconnect-state-changed', e => window.reconnectStates.push(e.detail.state), true); }
            """);

        // What no keyboard can do (the box stops typing at its limit): a script puts in 1.2 million characters.
        await justification.EvaluateAsync(
            "box => { box.removeAttribute('maxlength'); box.value = 'x'.repeat(1_200_000); box.dispatchEvent(new Event('change', { bubbles: true })); }");

        // The person presses Confirm as the page still shows it: the connection is closed on them, the reconnect dialog
        // is told so, and the change does not run on the justification the server held before.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.reconnectStates.includes('show')", null, new() { Timeout = 15_000 });
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(before.Sequence, (await NewestEventAsync()).Sequence);
    }

    private async Task<(IPage Page, CircuitLink Link, ILocator Dialog)> OpenRestrictDialogAsync()
    {
        var page = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        var demo = await DemoDirectory.ReadAsync(app.Factory.Services);
        await page.GotoAsync($"/organizations/{demo.Organization(DemoCatalog.AcquiredVendor)}");
        var link = await CircuitLink.RouteAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Restrict {DemoCatalog.AcquiredVendor}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Requests per minute cap").FillAsync("600");
        await dialog.GetByLabel("Reason", new() { Exact = true }).PickOptionAsync("Capacity");
        return (page, link, dialog);
    }

    private async Task<Web.Audit.AuditEvent> NewestEventAsync()
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.OrderByDescending(e => e.Sequence).FirstAsync();
    }
}
