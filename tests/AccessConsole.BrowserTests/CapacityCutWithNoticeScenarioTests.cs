using System.Globalization;
using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Notices;
using AccessConsole.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

/// <summary>
/// Scenario 8, "Capacity cut with notice": an account manager restricts Slipstream Tools to a capacity cap from a time
/// a little ahead, with a notice. The page shows the scheduled change, the notice arrives at the test SMTP server, and
/// at its time the cap applies by itself.
/// </summary>
public sealed class CapacityCutWithNoticeScenarioTests : IAsyncLifetime
{
    /// <summary>How far ahead the cut is scheduled: long enough to see it scheduled and its notice arrive first.</summary>
    private static readonly TimeSpan Ahead = TimeSpan.FromSeconds(30);

    private TestSmtpServer smtp = null!;
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync()
    {
        smtp = await TestSmtpServer.StartAsync();
        app = await BrowserApp.StartAsync(services =>
        {
            var settings = new NoticeSettings { Smtp = smtp.Settings, PollInterval = TimeSpan.FromMilliseconds(200) };
            services.Replace(ServiceDescriptor.Singleton(settings));
            services.Replace(ServiceDescriptor.Singleton<INoticeTransport>(new SmtpNoticeTransport(settings.Smtp)));
            services.AddHostedService<NoticeSenderWorker>();
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_capacity_cut_scheduled_with_notice_shows_as_scheduled_its_notice_arrives_and_the_cap_applies_at_its_time()
    {
        var manager = await app.SignInAsync("Priya Raman", Roles.AccountManager);
        var demo = await DemoDirectory.ReadAsync(app.Factory.Services);
        await manager.GotoAsync($"/organizations/{demo.Organization(DemoCatalog.AcquiredVendor)}");
        await BrowserApp.WaitForCircuitAsync(manager);
        var takesEffect = DateTime.UtcNow.Add(Ahead);
        var at = takesEffect.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        await manager.GetByRole(AriaRole.Button, new() { Name = $"Restrict {DemoCatalog.AcquiredVendor}" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Requests per minute cap").FillAsync("600");
        await dialog.GetByLabel("Reason").PickOptionAsync("Capacity");
        await dialog.GetByLabel("Justification").FillAsync("Capacity plan for IDE vendors: capped from the announced time.");
        await dialog.GetByLabel("Policy clause").FillAsync("§4.2 Capacity");
        await dialog.GetByLabel("Takes effect (UTC, empty for now)").FillAsync(BrowserApp.DateTimeLocal(takesEffect));
        await dialog.GetByLabel("Send notice to the customer").CheckAsync();

        await Assertions.Expect(dialog).ToContainTextAsync("To: api-notices@slipstream.example");
        var text = dialog.GetByLabel("Notice text");
        await Assertions.Expect(text).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"Takes effect: {at} UTC"));
        var notice = await text.InputValueAsync();
        Assert.Contains("What changes: Restricted: 600 requests/min", notice);
        await text.FillAsync(notice + "\nWe are sorry for the short notice.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await manager.ReloadAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Region, new() { Name = "Scheduled changes" })).ToContainTextAsync(
            $"Restrict {DemoCatalog.AcquiredVendor}: Scheduled, takes effect {at} UTC, scheduled by Priya Raman");
        await Assertions.Expect(manager.Locator("header .state-badge").First).ToHaveTextAsync("Active");

        var mail = Assert.Single(await smtp.WaitForAsync(1, Ahead / 2));
        Assert.Equal(["api-notices@slipstream.example"], mail.To);
        Assert.Equal($"Change to your API access: {DemoCatalog.AcquiredVendor}", mail.Message.Subject);
        Assert.Equal(NoticeText.Canonical(notice + "\nWe are sorry for the short notice."), NoticeText.Canonical(mail.Message.TextBody!));
        Assert.True(DateTime.UtcNow < takesEffect, "the notice should arrive before the change takes effect");

        var wait = takesEffect - DateTime.UtcNow + TimeSpan.FromSeconds(2);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        await manager.ReloadAsync();

        await Assertions.Expect(manager.Locator("header .state-badge").First).ToHaveTextAsync("Restricted");
        await Assertions.Expect(manager.Locator("header.subject-header")).ToContainTextAsync("600 requests/min — set by system");
    }
}
