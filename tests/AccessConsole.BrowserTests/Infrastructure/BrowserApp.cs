using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a real loopback port, and Debian's Chromium driven by Playwright. Without Chromium the tests
/// skip with the reason, unless E2E_REQUIRED=1, when they fail.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? playwright;

    private BrowserApp(ConsoleFactory factory, IBrowser browser, IPlaywright playwright, string baseUrl)
    {
        Factory = factory;
        Browser = browser;
        this.playwright = playwright;
        BaseUrl = baseUrl;
    }

    public ConsoleFactory Factory { get; }

    public IBrowser Browser { get; }

    public string BaseUrl { get; }

    public static string? ChromiumPath =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public static async Task<BrowserApp> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var chromium = ChromiumPath;
        if (chromium is null)
        {
            const string reason = "No Chromium found (install Debian's chromium, or set CHROMIUM_PATH).";
            if (Environment.GetEnvironmentVariable("E2E_REQUIRED") == "1") Assert.Fail(reason + " E2E_REQUIRED=1, so this fails.");
            Assert.Skip(reason);
        }

        var factory = await ConsoleFactory.WithDemoDataAsync(configure);
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.ClientOptions.BaseAddress.ToString();

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumFlags,
        });
        return new BrowserApp(factory, browser, playwright, baseUrl.TrimEnd('/'));
    }

    /// <summary>A new browser context signed in through the development sign-in form.</summary>
    public async Task<IPage> SignInAsync(string name, params string[] roles)
    {
        var page = await NewPageAsync();
        await SubmitDevelopmentSignInAsync(page, name, roles);
        await page.WaitForURLAsync(url => !url.Contains("/account/"));
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>A person with none of the console's roles: the server sends them to the no-access page, where no circuit runs.</summary>
    public async Task<IPage> SignInWithoutRoleAsync(string name)
    {
        var page = await NewPageAsync();
        await SubmitDevelopmentSignInAsync(page, name, []);
        await page.WaitForURLAsync(url => url.Contains(AuthenticationSetup.NoAccessPath));
        return page;
    }

    /// <summary>A page in a new browser context of its own, signed in as nobody.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private static async Task SubmitDevelopmentSignInAsync(IPage page, string name, string[] roles)
    {
        await page.GotoAsync(AuthenticationSetup.DevSignInPath);
        await page.GetByLabel("Name").FillAsync(name);
        foreach (var role in roles) await page.GetByLabel(role, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Waits until the interactive circuit is connected, so that clicks reach the server.</summary>
    public static async Task WaitForCircuitAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-circuit-ready]') !== null");

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        playwright = null;
        await Factory.DisposeAsync();
    }
}
