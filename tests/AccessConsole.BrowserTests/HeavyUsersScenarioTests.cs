using System.Text.RegularExpressions;
using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AccessConsole.BrowserTests;

/// <summary>Scenario 5 of the design in the browser, with the default rules: five subjects need no approval.</summary>
public sealed class HeavyUsersScenarioTests : IAsyncLifetime
{
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() => app = await BrowserApp.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Scenario_5_round_the_clock_users_on_basic_tiers_are_found_and_capped_until_a_date()
    {
        var until = DateTime.UtcNow.Date.AddDays(30);
        var alex = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await alex.GotoAsync("/bulk/new");
        await BrowserApp.WaitForCircuitAsync(alex);

        await alex.GetByLabel("Free", new() { Exact = true }).CheckAsync();
        await alex.GetByLabel("Build", new() { Exact = true }).CheckAsync();
        await alex.GetByLabel("Only round-the-clock users").CheckAsync();
        await alex.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var subjects = alex.Grid("Subjects in the segment");
        await Expect(subjects.DataRows()).ToHaveCountAsync(DemoCatalog.HeavyUsers.Count);
        foreach (var heavy in DemoCatalog.HeavyUsers) await Expect(subjects).ToContainTextAsync(heavy.Name);

        await alex.GetByLabel("Restrict", new() { Exact = true }).CheckAsync();
        // By id: a numeric field's aria-label (its name) would hide the visible label from GetByLabel.
        await alex.Locator("#cap-rpm").FillAsync("60");
        await alex.Locator("#cap-tpm").FillAsync("50000");
        await alex.GetByLabel("Reason", new() { Exact = true }).PickOptionAsync("Abuse or excessive usage");
        await alex.GetByLabel("Justification", new() { Exact = true }).FillAsync("Agents running around the clock on a basic plan; capped until the plan changes.");
        await alex.GetByLabel("Until (UTC, optional)").FillAsync($"{until:yyyy-MM-dd}T00:00");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Restrict 5 subjects" }).ClickAsync();

        await alex.ExpectSubmittedToAsync(new Regex("/bulk/[0-9a-f-]{36}$"));
        await Expect(alex.GetByRole(AriaRole.Status).Filter(new() { HasText = "of 5 done" })).ToHaveTextAsync("5 of 5 done: 5 changed", new() { Timeout = 30_000 });
        await Expect(alex.GetByText($"60 requests/min; 50,000 tokens/min (until {until:yyyy-MM-dd} 00:00 UTC)")).ToBeVisibleAsync();
        await Expect(alex.Grid("Subjects of the bulk change")).Not.ToContainTextAsync("Not changed");
        await Expect(alex.Grid("Subjects of the bulk change")).Not.ToContainTextAsync("NotChanged");
    }
}
