using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>
/// A page's circuit connection passed through the test, so that the test can cut it as a network failure would
/// (the socket closes on both sides and new connections fail) and restore it.
/// </summary>
public sealed partial class CircuitLink
{
    private readonly Lock gate = new();
    private IWebSocketRoute? pageSide;
    private IWebSocketRoute? serverSide;
    private bool cut;

    private CircuitLink()
    {
    }

    /// <summary>Routes the page's circuit connections through a new link, and reloads the page so that its circuit uses it.</summary>
    public static async Task<CircuitLink> RouteAsync(IPage page)
    {
        var link = new CircuitLink();
        await page.RouteWebSocketAsync(CircuitSocket(), link.Connect);
        await page.RouteAsync(Negotiation(), link.NegotiateAsync);
        await page.ReloadAsync();
        await BrowserApp.WaitForCircuitAsync(page);
        return link;
    }

    /// <summary>Closes the circuit's socket on both sides; until <see cref="Restore"/> every new connection fails.</summary>
    public async Task CutAsync()
    {
        IWebSocketRoute? page, server;
        lock (gate)
        {
            cut = true;
            (page, server) = (pageSide, serverSide);
        }
        if (page is null || server is null) throw new InvalidOperationException("The page has no circuit connection to cut.");
        await server.CloseAsync();
        await page.CloseAsync(new() { Code = 1011, Reason = "Connection cut by the test" });
    }

    public void Restore()
    {
        lock (gate) cut = false;
    }

    private void Connect(IWebSocketRoute socket)
    {
        lock (gate)
        {
            if (cut)
            {
                _ = socket.CloseAsync(new() { Code = 1011, Reason = "Connection cut by the test" });
                return;
            }
            pageSide = socket;
            serverSide = socket.ConnectToServer();
        }
    }

    private async Task NegotiateAsync(IRoute route)
    {
        bool isCut;
        lock (gate) isCut = cut;
        if (isCut) await route.AbortAsync("internetdisconnected");
        else await route.ContinueAsync();
    }

    [GeneratedRegex(@"/_blazor\?id=")]
    private static partial Regex CircuitSocket();

    [GeneratedRegex(@"/_blazor/negotiate")]
    private static partial Regex Negotiation();
}
