using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AccessConsole.Tests.Audit;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Gateway.ChangeFeed;
using AccessConsole.Web.ReasonCodes;

namespace AccessConsole.Tests.Gateway;

public sealed class ChangeFeedTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private HttpClient gateway = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        gateway = factory.GatewayHttpClient(await factory.CreateCredentialAsync());
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_feed_lists_access_changes_in_order_with_their_new_access()
    {
        var page = await ReadAsync(0);

        Assert.NotEmpty(page.Items);
        Assert.Equal(page.Items.OrderBy(i => i.Sequence).Select(i => i.Sequence), page.Items.Select(i => i.Sequence));
        // The feed is the audit events that set access (the demo's history holds many), up to the page's end.
        var changes = (await factory.EventsAsync()).Where(e => e.Sequence <= page.Next && e.AccessAfter is not null).Select(e => e.Sequence);
        Assert.Equal(changes, page.Items.Select(i => i.Sequence));
        var kestrelId = (await factory.KeyIdAsync("kestrel-prod")).ToString("D");
        var kestrel = page.Items.Single(i => i.SubjectId == kestrelId);
        Assert.Equal(nameof(SubjectKind.ApiKey), kestrel.SubjectKind);
        Assert.Equal(nameof(AccessState.Revoked), kestrel.State);
        Assert.Equal(StandardReasonCodes.KeyExposed, kestrel.ReasonCode);
        Assert.DoesNotContain(page.Items, i => i.SubjectKind == "ServiceCredential");
        Assert.True(page.Next >= page.Items[^1].Sequence);
    }

    [Fact]
    public async Task The_feed_resumes_from_any_sequence()
    {
        var all = await ReadAsync(0);

        foreach (var item in all.Items)
        {
            var rest = await ReadAsync(item.Sequence);
            Assert.Equal(all.Items.Where(i => i.Sequence > item.Sequence).Select(i => i.Sequence), rest.Items.Select(i => i.Sequence));
        }
    }

    [Fact]
    public async Task A_long_poll_is_woken_by_a_change()
    {
        var head = (await ReadAsync(0)).Next;
        var watch = Stopwatch.StartNew();
        var waiting = gateway.GetFromJsonAsync<AccessChangePage>($"/api/v1/changes?after={head}&wait=20");
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "with nothing new the feed waits");

        await factory.ChangeAsync(await factory.OrganizationAsync(DemoCatalog.AcquiredVendor), ChangeKind.Revoke, StandardReasonCodes.Capacity);
        var page = (await waiting)!;

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"woken after {watch.Elapsed}");
        var item = Assert.Single(page.Items);
        Assert.Equal(nameof(AccessState.Revoked), item.State);
        Assert.Equal(item.Sequence, page.Next);
    }

    [Fact]
    public async Task Without_wait_an_empty_page_comes_back_at_once()
    {
        var head = (await ReadAsync(0)).Next;

        var page = await ReadAsync(head);

        Assert.Empty(page.Items);
        Assert.Equal(head, page.Next);
    }

    [Theory]
    [InlineData("after=-1")]
    [InlineData("after=0&wait=31")]
    [InlineData("after=0&wait=-5")]
    [InlineData("after=abc")]
    public async Task Bad_parameters_are_400(string query)
    {
        var response = await gateway.GetAsync($"/api/v1/changes?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<AccessChangePage> ReadAsync(long after) =>
        (await gateway.GetFromJsonAsync<AccessChangePage>($"/api/v1/changes?after={after}"))!;
}
