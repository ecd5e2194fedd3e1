using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

/// <summary>The console works under its Content-Security-Policy, and Chromium reports no violation on its pages.</summary>
public sealed class ContentSecurityPolicyTests : IAsyncLifetime
{
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() => app = await BrowserApp.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_console_pages_run_under_the_policy_without_a_violation()
    {
        var page = await app.SignInAsync("Sam Support", Roles.Support);
        var (organization, integration) = await DemoIdsAsync();

        // Lookup: a search round-trips through the circuit's WebSocket, which connect-src must allow.
        await page.SearchCustomersAsync(DemoCatalog.RivalLab);
        await Assertions.Expect(page.LookupResults().GetByRole(AriaRole.Link, new() { Name = DemoCatalog.RivalLab })).ToBeVisibleAsync();
        foreach (var path in new[] { "/organizations", $"/organizations/{organization}", "/integrations", $"/integrations/{integration}" })
        {
            var response = await page.GotoAsync(path);
            Assert.Contains("frame-ancestors 'none'", await response!.HeaderValueAsync("content-security-policy"));
            await BrowserApp.WaitForCircuitAsync(page);
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
            }
        var anonymous = await app.NewPageAsync();
        foreach (var path in new[] { "/account/dev-signin", "/account/signin", "/account/signed-out", "/not-found" })
        {
            await anonymous.GotoAsync(path);
            await Assertions.Expect(anonymous.Locator("h1")).ToBeVisibleAsync();
            }
        // Violations are reported asynchronously; give the last page's report time to arrive.
        await page.WaitForTimeoutAsync(500);

        Assert.True(app.CspViolations.IsEmpty, "CSP violations: " + string.Join(Environment.NewLine, app.CspViolations));
    }

    [Fact]
    public async Task A_violation_is_reported_so_the_check_above_can_fail()
    {
        var page = await app.SignInAsync("Sam Support", Roles.Support);

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.body.appendChild(s); }");
        await page.WaitForTimeoutAsync(500);

        Assert.False(await page.EvaluateAsync<bool>("() => window.inlineRan === true"));
        Assert.Contains(app.CspViolations, v => v.Contains("script-src", StringComparison.Ordinal));
    }

    private async Task<(Guid Organization, Guid Integration)> DemoIdsAsync()
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        var organization = await db.Organizations.Where(o => o.Name == DemoCatalog.RivalLab).Select(o => o.Id).SingleAsync();
        var integration = await db.Integrations.Select(i => i.Id).FirstAsync();
        return (organization, integration);
    }
}
