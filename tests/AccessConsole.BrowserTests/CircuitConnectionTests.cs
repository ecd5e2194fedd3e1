using System.Text.RegularExpressions;
using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

/// <summary>
/// The browser runs the SDK's own 10.0 blazor.web.js under the console's policy, clicks reach the server through the
/// circuit, and the console's reconnect dialog carries a page through a dropped connection.
/// </summary>
public sealed partial class CircuitConnectionTests(SharedBrowserApp shared) : IClassFixture<SharedBrowserApp>
{
    private const string Lost = "Connection lost. Reconnecting…";

    [Fact]
    public async Task The_page_runs_the_SDKs_10_0_blazor_script_from_its_own_origin_under_the_strict_policy()
    {
        var app = await shared.GetAsync();
        var page = await app.SignInAsync("Sam Support", Roles.Support);
        var scripts = new List<IResponse>();
        var negotiations = new List<IRequest>();
        page.Response += (_, response) => { if (BlazorScript().IsMatch(response.Url)) lock (scripts) scripts.Add(response); };
        page.Request += (_, request) => { if (request.Url.Contains("/_blazor/negotiate", StringComparison.Ordinal)) lock (negotiations) negotiations.Add(request); };

        var document = await page.ReloadAsync();
        await BrowserApp.WaitForCircuitAsync(page);

        var policy = await document!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self';", policy);
        Assert.DoesNotContain("unsafe-inline", ScriptDirectives(policy!));
        var script = Assert.Single(scripts);
        // 304: the reload revalidates the copy the browser kept from the first load.
        Assert.Contains(script.Status, new[] { 200, 304 });
        Assert.StartsWith(app.BaseUrl + "/_framework/", script.Url);
        // Circuit pause and resume came with 10.0: a 9.0 script has neither.
        Assert.True(await page.EvaluateAsync<bool>("() => typeof Blazor.pauseCircuit === 'function' && typeof Blazor.resumeCircuit === 'function'"));
        // The SignalR client inside the script names its own version on every negotiation.
        var userAgent = await Assert.Single(negotiations).HeaderValueAsync("x-signalr-user-agent");
        Assert.StartsWith("Microsoft SignalR/10.0 ", userAgent);
        Assert.True(app.CspViolations.IsEmpty, "CSP violations: " + string.Join(Environment.NewLine, app.CspViolations));
    }

    [Fact]
    public async Task A_click_round_trips_through_the_circuit()
    {
        var app = await shared.GetAsync();
        var page = await app.SignInAsync("Sam Support", Roles.Support);
        var sockets = new List<IWebSocket>();
        page.WebSocket += (_, socket) => { lock (sockets) sockets.Add(socket); };
        await page.ReloadAsync();
        await BrowserApp.WaitForCircuitAsync(page);
        var circuit = Assert.Single(sockets, s => s.Url.Contains("/_blazor?id=", StringComparison.Ordinal));
        int sent = 0, received = 0, documents = 0;
        circuit.FrameSent += (_, _) => Interlocked.Increment(ref sent);
        circuit.FrameReceived += (_, _) => Interlocked.Increment(ref received);
        page.Request += (_, request) => { if (request.ResourceType == "document") Interlocked.Increment(ref documents); };

        await SearchAsync(page, DemoCatalog.RivalLab);

        // The results came over the circuit's socket, not from a new page.
        Assert.True(Volatile.Read(ref sent) > 0, "The click sent nothing over the circuit.");
        Assert.True(Volatile.Read(ref received) > 0, "Nothing came back over the circuit.");
        Assert.Equal(0, Volatile.Read(ref documents));
        Assert.False(circuit.IsClosed);
    }

    [Fact]
    public async Task A_dropped_connection_shows_the_reconnect_dialog_and_the_page_works_once_it_is_back()
    {
        var app = await shared.GetAsync();
        var page = await app.SignInAsync("Sam Support", Roles.Support);
        var link = await CircuitLink.RouteAsync(page);
        await SearchAsync(page, DemoCatalog.RivalLab);

        await link.CutAsync();

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = Lost });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = Lost })).ToBeVisibleAsync();

        link.Restore();

        // The next automatic attempt is at most 5 s away (30 s only after 20 failed ones).
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync(new() { Timeout = 40_000 });
        // The same circuit carries on: the earlier results are still there, and a new search works.
        await Assertions.Expect(page.LookupResults().GetByRole(AriaRole.Link, new() { Name = DemoCatalog.RivalLab })).ToBeVisibleAsync();
        await SearchAsync(page, DemoCatalog.DisputedOrganization);
    }

    [Fact]
    public async Task When_the_automatic_attempts_give_up_Retry_reconnects_once_the_connection_is_back()
    {
        var app = await shared.GetAsync();
        var page = await app.SignInAsync("Sam Support", Roles.Support);
        // The attempts wait up to 30 s apart: the page's clock jumps over the waits instead of the test sitting through them.
        await page.Clock.InstallAsync();
        var link = await CircuitLink.RouteAsync(page);

        await link.CutAsync();

        var failed = page.GetByRole(AriaRole.Dialog, new() { Name = "Could not reconnect" });
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog, new() { Name = Lost })).ToBeVisibleAsync();
        for (var jumps = 0; jumps < 60 && !await failed.IsVisibleAsync(); jumps++)
        {
            await page.Clock.FastForwardAsync(30_000);
            await page.WaitForTimeoutAsync(200);
        }
        await Assertions.Expect(failed).ToBeVisibleAsync();
        var retry = failed.GetByRole(AriaRole.Button, new() { Name = "Retry" });
        await Assertions.Expect(retry).ToBeFocusedAsync();

        // Still down: Retry says so, and the dialog stays.
        await retry.ClickAsync();
        await Assertions.Expect(failed.GetByRole(AriaRole.Status)).ToHaveTextAsync("Still no connection. Retry once your network is back.");

        link.Restore();
        await retry.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await SearchAsync(page, DemoCatalog.DisputedOrganization);
    }

    [Fact]
    public async Task A_paused_session_offers_Resume_and_the_page_works_after_it()
    {
        var app = await shared.GetAsync();
        var page = await app.SignInAsync("Sam Support", Roles.Support);

        await page.EvaluateAsync("() => Blazor.pauseCircuit()");

        var paused = page.GetByRole(AriaRole.Dialog, new() { Name = "Session paused" });
        await Assertions.Expect(paused).ToBeVisibleAsync();
        await paused.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await SearchAsync(page, DemoCatalog.RivalLab);
    }

    [Fact]
    public async Task A_session_the_server_no_longer_holds_offers_Reload_and_the_page_works_after_it()
    {
        // The server keeps neither disconnected circuits nor their saved state, as after a restart.
        await using var app = await BrowserApp.StartAsync(services => services.Configure<CircuitOptions>(options =>
        {
            options.DisconnectedCircuitMaxRetained = 0;
            options.PersistedCircuitInMemoryMaxRetained = 0;
        }));
        var page = await app.SignInAsync("Sam Support", Roles.Support);
        var link = await CircuitLink.RouteAsync(page);

        await link.CutAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog, new() { Name = Lost })).ToBeVisibleAsync();
        link.Restore();

        var ended = page.GetByRole(AriaRole.Dialog, new() { Name = "This page's session has ended" });
        await Assertions.Expect(ended).ToBeVisibleAsync(new() { Timeout = 40_000 });
        await ended.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();

        await BrowserApp.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await SearchAsync(page, DemoCatalog.RivalLab);
    }

    /// <summary>A search on the lookup page: only the circuit can answer it (without one the form just reloads the page, with no results).</summary>
    private static async Task SearchAsync(IPage page, string organization)
    {
        await page.SearchCustomersAsync(organization);
        await Assertions.Expect(page.LookupResults().GetByRole(AriaRole.Link, new() { Name = organization })).ToBeVisibleAsync();
    }

    private static string ScriptDirectives(string policy) =>
        string.Join("; ", policy.Split(';', StringSplitOptions.TrimEntries).Where(d => d.StartsWith("script-src", StringComparison.Ordinal)));

    // MapStaticAssets serves the script under its fingerprinted name (blazor.web.<hash>.js).
    [GeneratedRegex(@"/_framework/blazor\.web(\.[a-z0-9]+)?\.js$")]
    private static partial Regex BlazorScript();
}
