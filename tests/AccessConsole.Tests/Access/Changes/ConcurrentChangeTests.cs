using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.DemoData;

namespace AccessConsole.Tests.Access.Changes;

public sealed class ConcurrentChangeTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;

    public async ValueTask InitializeAsync() => demo = await DemoDatabase.OpenAsync();

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task Two_changes_decided_on_the_same_version_exactly_one_succeeds_and_the_other_names_who_won()
    {
        var lab = await demo.OrganizationAsync(DemoCatalog.RivalLab);
        var version = await demo.VersionAsync(lab);
        var people = new[] { "Alex Account", "Blake Account" };
        var requests = new[]
        {
            ChangeRequests.Revoke(lab, version),
            ChangeRequests.Restrict(lab, version, new Restriction { Purposes = [KeyPurpose.Benchmarking] }),
        };
        using var start = new Barrier(2);

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return demo.ChangesBy(people[i]).ChangeAsync(requests[i]);
        })));

        var winner = Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        var winnerName = people[Array.IndexOf(results, winner)];
        Assert.Contains($"changed by {winnerName}", loser.Errors[ChangeFields.Version]);
        var recorded = Assert.Single(await demo.EventsAboutAsync(lab));
        Assert.Equal(winnerName, recorded.ActorName);
        var stored = await demo.ReadAsync(lab);
        Assert.Equal(version + 1, stored.AccessVersion);
        Assert.Equal(winner.After, stored.Access);
    }

    [Fact]
    public async Task Changes_to_different_subjects_at_once_both_succeed_on_one_unbroken_chain()
    {
        var lab = await demo.OrganizationAsync(DemoCatalog.RivalLab);
        var key = await demo.KeyAsync("kestrel-staging");
        var labVersion = await demo.VersionAsync(lab);
        var keyVersion = await demo.VersionAsync(key);
        var eventsBefore = await demo.AuditCountAsync();

        var results = await Task.WhenAll(
            Task.Run(() => demo.ChangesBy("Alex Account").ChangeAsync(ChangeRequests.Revoke(lab, labVersion))),
            Task.Run(() => demo.ChangesBy("Blake Account").ChangeAsync(ChangeRequests.Revoke(key, keyVersion))));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        var events = await demo.AllEventsAsync();
        Assert.Equal(eventsBefore + 2, events.Count);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.All(events.Skip(1).Zip(events), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
    }
}
