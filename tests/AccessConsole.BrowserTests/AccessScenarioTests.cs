using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

/// <summary>Scenario 1 of the design, walked in the browser by an account manager, then checked by support.</summary>
public sealed class AccessScenarioTests : IAsyncLifetime
{
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() => app = await BrowserApp.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Competing_use_restricted_to_evaluation_then_support_sees_one_key_allowed_and_one_denied()
    {
        var manager = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await OpenOrganizationAsync(manager, DemoCatalog.RivalLab);

        await manager.GetByRole(AriaRole.Button, new() { Name = $"Restrict {DemoCatalog.RivalLab}" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Benchmarking").CheckAsync();
        await dialog.GetByLabel("Safety evaluation").CheckAsync();
        await dialog.GetByLabel("Reason").PickOptionAsync("Terms — competing product");
        await dialog.GetByLabel("Justification").FillAsync("Used the API to build and benchmark a competing model; evaluation access kept.");
        await dialog.GetByLabel("Policy clause").FillAsync("Usage Policy §4.2");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(manager.Locator("header .state-badge").First).ToHaveTextAsync("Restricted");

        var support = await app.SignInAsync("Sam Support", Roles.Support);
        await support.SearchCustomersAsync(DemoKeys.Secret("northwind-general-prod"));
        var general = support.GetByRole(AriaRole.Article, new() { Name = "Why: northwind-general-prod" });
        await Assertions.Expect(general).ToContainTextAsync("Denied");
        await Assertions.Expect(general).ToContainTextAsync("purpose General not allowed");
        await Assertions.Expect(general.GetByTitle(StandardReasonCodes.CompetingProduct, new() { Exact = true })).ToHaveTextAsync("Terms — competing product");
        await Assertions.Expect(general).ToContainTextAsync("Alex Manager");

        await support.SearchCustomersAsync(DemoKeys.Secret("northwind-benchmarks"));
        var benchmarks = support.GetByRole(AriaRole.Article, new() { Name = "Why: northwind-benchmarks" });
        await Assertions.Expect(benchmarks).ToContainTextAsync("Allowed");
        await Assertions.Expect(benchmarks).ToContainTextAsync("purposes Benchmarking, Safety evaluation");
    }

    [Fact]
    public async Task The_dialog_shows_field_messages_and_saves_nothing_for_bad_input()
    {
        var manager = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await OpenOrganizationAsync(manager, DemoCatalog.AcquiredVendor);

        await manager.GetByRole(AriaRole.Button, new() { Name = $"Restrict {DemoCatalog.AcquiredVendor}" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Justification").FillAsync("too short");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Assertions.Expect(dialog.Locator("[data-field=Reason]")).ToContainTextAsync("Choose a reason");
        await Assertions.Expect(dialog.Locator("[data-field=Justification]")).ToContainTextAsync("at least 10");
        await Assertions.Expect(dialog.Locator("[data-field=Restriction]")).ToContainTextAsync("at least one limit");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(manager.Locator("header .state-badge").First).ToHaveTextAsync("Active");
    }

    [Fact]
    public async Task The_change_dialog_opens_on_its_first_field_closes_on_Escape_and_gives_focus_back()
    {
        var manager = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await OpenOrganizationAsync(manager, DemoCatalog.AcquiredVendor);
        var revoke = manager.GetByRole(AriaRole.Button, new() { Name = $"Revoke {DemoCatalog.AcquiredVendor}" });
        await manager.EvaluateAsync("""
            () => {
                window.focusedInDialog = [];
                document.addEventListener('focusin', event => {
                    if (event.target.closest('[role=dialog]')) window.focusedInDialog.push(event.target.getAttribute('aria-label') ?? event.target.outerHTML.slice(0, 80));
                });
            }
            """);

        await revoke.ClickAsync();

        var dialog = manager.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByLabel("Reason", new() { Exact = true })).ToBeFocusedAsync();
        await manager.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(revoke).ToBeFocusedAsync();
        await Assertions.Expect(manager.Locator("header .state-badge").First).ToHaveTextAsync("Active");
        // Nothing took the cursor from the field while the dialog was open (the dialog's own focus once did, late).
        Assert.Equal(["Reason"], await manager.EvaluateAsync<string[]>("() => window.focusedInDialog"));
    }

    [Fact]
    public async Task Escape_pressed_the_moment_the_form_takes_the_cursor_closes_the_dialog()
    {
        var manager = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await OpenOrganizationAsync(manager, DemoCatalog.AcquiredVendor);
        // The key goes to the field in the same task as its focus: before a listener attached after a round trip exists.
        await manager.EvaluateAsync("""
            () => {
                const pressEscape = event => {
                    if (!event.target.closest('[role=dialog] form')) return;
                    document.removeEventListener('focusin', pressEscape);
                    event.target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }));
                    document.body.dataset.escapePressed = 'yes';
                };
                document.addEventListener('focusin', pressEscape);
            }
            """);

        await manager.GetByRole(AriaRole.Button, new() { Name = $"Revoke {DemoCatalog.AcquiredVendor}" }).ClickAsync();

        await Assertions.Expect(manager.Locator("body")).ToHaveAttributeAsync("data-escape-pressed", "yes");
        await Assertions.Expect(manager.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(manager.Locator("header .state-badge").First).ToHaveTextAsync("Active");
    }

    [Fact]
    public async Task Support_sees_no_change_buttons()
    {
        var support = await app.SignInAsync("Sam Support", Roles.Support);
        await OpenOrganizationAsync(support, DemoCatalog.RivalLab);

        await Assertions.Expect(support.GetByRole(AriaRole.Heading, new() { Name = DemoCatalog.RivalLab })).ToBeVisibleAsync();
        await Assertions.Expect(support.GetByRole(AriaRole.Button, new() { Name = $"Revoke {DemoCatalog.RivalLab}" })).ToHaveCountAsync(0);
    }

    private static async Task OpenOrganizationAsync(IPage page, string name)
    {
        await page.SearchCustomersAsync(name);
        await page.LookupResults().GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
    }
}
