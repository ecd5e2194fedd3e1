using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a real loopback port, and Debian's Chromium driven by Playwright. Without Chromium the tests
/// skip with the reason, unless E2E_REQUIRED=1, when they fail. <see cref="StartWithEntraAsync"/> also runs the
/// test OpenID Connect provider and serves the app over https, signing in through the provider.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    // Reports every Content-Security-Policy violation of every document to the test, across navigations.
    private const string ReportCspViolations = """
        document.addEventListener('securitypolicyviolation', e =>
            window.__reportCspViolation(`${e.documentURI} ${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    // An address that is not one of the account pages (sign-in, no access, signed out).
    private static readonly Regex OutsideAccountPages = new("^(?!.*/account/)");

    private IPlaywright? playwright;

    private BrowserApp(ConsoleFactory factory, IBrowser browser, IPlaywright playwright, string baseUrl, TestOidcProvider? provider)
    {
        Factory = factory;
        Browser = browser;
        this.playwright = playwright;
        BaseUrl = baseUrl;
        Provider = provider;
    }

    public ConsoleFactory Factory { get; }

    public IBrowser Browser { get; }

    public string BaseUrl { get; }

    /// <summary>The OpenID Connect provider the app signs in with, when started with <see cref="StartWithEntraAsync"/>.</summary>
    public TestOidcProvider? Provider { get; }

    /// <summary>Every CSP violation reported on this app's own pages (the provider's pages are not the app's).</summary>
    public ConcurrentQueue<string> CspViolations { get; } = new();

    public static string? ChromiumPath =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public static async Task<BrowserApp> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var chromium = RequireChromium();
        var factory = await ConsoleFactory.WithDemoDataAsync(configure);
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.ClientOptions.BaseAddress.ToString();
        return await LaunchAsync(chromium, factory, baseUrl, provider: null);
    }

    /// <param name="configure">Settings of the app for one test (a short session lifetime, say).</param>
    public static async Task<BrowserApp> StartWithEntraAsync(Action<ConsoleFactory>? configure = null)
    {
        var chromium = RequireChromium();
        var provider = await TestOidcProvider.StartAsync();
        try
        {
            var factory = await ConsoleFactory.WithDemoDataAsync(provider.TrustItsCertificate);
            provider.Configure(factory);
            configure?.Invoke(factory);
            factory.StartServer();
            return await LaunchAsync(chromium, factory, provider.AppBaseUrl, provider);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new browser context (its own cookies) that reports CSP violations of the app's pages.</summary>
    public async Task<IPage> NewPageAsync()
    {
        await CloseEarlierTestsContextsAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            // The app and the provider use a certificate made for this test run.
            IgnoreHTTPSErrors = Provider is not null,
        });
        lock (contexts) contexts.Add((TestContext.Current.Test?.UniqueID, context));
        // The machines that run these tests are shared: a round trip through the circuit can take seconds under
        // load, so assertions wait as long as actions do (Playwright's own default for assertions is 5 s).
        context.SetDefaultTimeout(15_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        await context.ExposeFunctionAsync("__reportCspViolation", (string violation) =>
        {
            if (violation.StartsWith(BaseUrl, StringComparison.Ordinal)) CspViolations.Enqueue(violation);
        });
        await context.AddInitScriptAsync(ReportCspViolations);
        var page = await context.NewPageAsync();
        var errors = BrowserErrors.GetOrCreateValue(page);
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add(message.Text); };
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        return page;
    }

    private readonly List<(string? Test, IBrowserContext Context)> contexts = [];

    /// <summary>
    /// Closes the pages that earlier tests left open. The tests of a class share one browser and run one at a time;
    /// left open, every page kept its renderer and its circuit alive until the class ended (up to 235 renderers at once).
    /// </summary>
    private async Task CloseEarlierTestsContextsAsync()
    {
        var test = TestContext.Current.Test?.UniqueID;
        List<IBrowserContext> earlier;
        lock (contexts)
        {
            earlier = contexts.Where(c => c.Test != test).Select(c => c.Context).ToList();
            contexts.RemoveAll(c => c.Test != test);
        }
        foreach (var context in earlier) await context.CloseAsync();
    }

    /// <summary>What each page's scripts reported as errors, to explain a circuit that never became ready.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> BrowserErrors = new();

    /// <summary>A new browser context signed in through the development sign-in form.</summary>
    public async Task<IPage> SignInAsync(string name, params string[] roles)
    {
        var page = await NewPageAsync();
        await SubmitDevelopmentSignInAsync(page, name, roles);
        await Assertions.Expect(page).ToHaveURLAsync(OutsideAccountPages);
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>From the app's sign-in page, through the provider's own login form, back to the app.</summary>
    public static async Task SignInAtProviderAsync(IPage page, TestUser user)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with your company account" }).ClickAsync();
        try
        {
            await page.GetByLabel("User name").WaitForAsync();
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The provider's login form did not appear; the page is {page.Url}:\n{await page.ContentAsync()}");
        }
        await page.GetByLabel("User name").FillAsync(user.Login);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>A new browser context signed in through the provider's login form, on the organizations page.</summary>
    public async Task<IPage> SignInThroughProviderAsync(TestUser user)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/organizations");
        await SignInAtProviderAsync(page, user);
        await Assertions.Expect(page).ToHaveURLAsync($"{BaseUrl}/organizations");
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>A person with none of the console's roles: the server sends them to the no-access page, where no circuit runs.</summary>
    public async Task<IPage> SignInWithoutRoleAsync(string name)
    {
        var page = await NewPageAsync();
        await SubmitDevelopmentSignInAsync(page, name, []);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(AuthenticationSetup.NoAccessPath)));
        return page;
    }

    private static async Task SubmitDevelopmentSignInAsync(IPage page, string name, string[] roles)
    {
        await page.GotoAsync(AuthenticationSetup.DevSignInPath);
        await page.GetByLabel("Name").FillAsync(name);
        foreach (var role in roles) await page.GetByLabel(role, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>
    /// A time as a <c>datetime-local</c> input with seconds holds it: Chromium drops the seconds when they are zero, and
    /// Playwright refuses to fill a value that the input would not keep as given.
    /// </summary>
    public static string DateTimeLocal(DateTime time) =>
        time.ToString(time.Second == 0 ? "yyyy-MM-ddTHH:mm" : "yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits until the interactive circuit is connected, so that clicks reach the server.</summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-circuit-ready]') !== null");
        }
        catch (TimeoutException) when (BrowserErrors.TryGetValue(page, out var errors) && errors.Count > 0)
        {
            string reported;
            lock (errors) reported = string.Join("\n", errors);
            throw new TimeoutException($"The circuit of {page.Url} never became ready; the page reported:\n{reported}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        playwright = null;
        await Factory.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
    }

    private static string RequireChromium()
    {
        var chromium = ChromiumPath;
        if (chromium is not null) return chromium;
        const string reason = "No Chromium found (install Debian's chromium, or set CHROMIUM_PATH).";
        if (Environment.GetEnvironmentVariable("E2E_REQUIRED") == "1") Assert.Fail(reason + " E2E_REQUIRED=1, so this fails.");
        Assert.Skip(reason);
        return null!;
    }

    /// <summary>
    /// Chromium run as root raises its browser and GPU processes to nice -8, above the app under test and the helper
    /// servers; on two busy cores a helper then took over 30 s to start. As root, Chromium is started without the right
    /// to raise its priority (setpriv drops CAP_SYS_NICE), so that every process of a test runs at the same priority.
    /// </summary>
    private static string AtNormalPriority(string chromium)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists(SetPriv)) return chromium;
        var wrapper = Path.Combine(TestDatabase.Folder, "chromium-at-normal-priority");
        lock (WrapperLock)
        {
            if (!File.Exists(wrapper))
            {
                File.WriteAllText(wrapper, $"#!/bin/sh\nexec {SetPriv} --bounding-set -sys_nice --inh-caps -sys_nice '{chromium.Replace("'", "'\\''")}' \"$@\"\n");
                File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        return wrapper;
    }

    private const string SetPriv = "/usr/bin/setpriv";
    private static readonly Lock WrapperLock = new();

    private static async Task<BrowserApp> LaunchAsync(string chromium, ConsoleFactory factory, string baseUrl, TestOidcProvider? provider)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = AtNormalPriority(chromium),
            Headless = true,
            Args = ChromiumFlags,
        });
        return new BrowserApp(factory, browser, playwright, baseUrl.TrimEnd('/'), provider);
    }
}
