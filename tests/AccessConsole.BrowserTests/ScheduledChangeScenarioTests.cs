using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

/// <summary>A capacity cut scheduled from the change dialog: the page shows it until its time, then it applies by itself.</summary>
public sealed class ScheduledChangeScenarioTests : IAsyncLifetime
{
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() => app = await BrowserApp.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_capacity_cap_scheduled_a_little_ahead_shows_as_scheduled_then_applies_by_itself_at_its_time()
    {
        var manager = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        var demo = await DemoDirectory.ReadAsync(app.Factory.Services);
        await manager.GotoAsync($"/organizations/{demo.Organization(DemoCatalog.AcquiredVendor)}");
        await BrowserApp.WaitForCircuitAsync(manager);
        var takesEffect = DateTime.UtcNow.AddSeconds(25);

        await manager.GetByRole(AriaRole.Button, new() { Name = $"Restrict {DemoCatalog.AcquiredVendor}" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Requests per minute cap").FillAsync("120");
        await dialog.GetByLabel("Reason").PickOptionAsync("Capacity");
        await dialog.GetByLabel("Justification").FillAsync("Capacity plan for IDE vendors: capped from the announced time.");
        await dialog.GetByLabel("Takes effect (UTC, empty for now)").FillAsync(BrowserApp.DateTimeLocal(takesEffect));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(manager.GetByRole(AriaRole.Status).Filter(new() { HasText = "restrict scheduled for" }))
            .ToContainTextAsync($"{DemoCatalog.AcquiredVendor}: restrict scheduled for {takesEffect:yyyy-MM-dd HH:mm} UTC");
        await manager.ReloadAsync();
        var scheduled = manager.GetByRole(AriaRole.Region, new() { Name = "Scheduled changes" });
        await Assertions.Expect(scheduled).ToContainTextAsync(
            $"Restrict {DemoCatalog.AcquiredVendor}: Scheduled, takes effect {takesEffect:yyyy-MM-dd HH:mm} UTC, scheduled by Alex Manager");
        await Assertions.Expect(manager.Locator("header .state-badge").First).ToHaveTextAsync("Active");

        var wait = takesEffect - DateTime.UtcNow + TimeSpan.FromSeconds(2);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        await manager.ReloadAsync();

        await Assertions.Expect(manager.Locator("header .state-badge").First).ToHaveTextAsync("Restricted");
        await Assertions.Expect(manager.GetByRole(AriaRole.Region, new() { Name = "Scheduled changes" })).ToHaveCountAsync(0);
        await Assertions.Expect(manager.Locator("header.subject-header")).ToContainTextAsync("120 requests/min — set by system");
    }
}
