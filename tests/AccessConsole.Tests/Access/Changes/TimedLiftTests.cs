using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.Access.Changes;

public sealed class TimedLiftTests : IAsyncLifetime
{
    private static readonly Restriction Capped = new() { RequestsPerMinute = 100 };

    private DemoDatabase demo = null!;
    private SubjectRef lab;
    private DateTime until;

    public async ValueTask InitializeAsync()
    {
        demo = await DemoDatabase.OpenAsync();
        lab = await demo.OrganizationAsync(DemoCatalog.RivalLab);
        until = demo.Clock.UtcNow.AddHours(2);
        var service = demo.ChangesBy("Alex Account");
        Assert.True((await service.ChangeAsync(ChangeRequests.Restrict(lab, await demo.VersionAsync(lab), Capped))).Succeeded);
        Assert.True((await service.ChangeAsync(ChangeRequests.Revoke(lab, await demo.VersionAsync(lab), until))).Succeeded);
    }

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task Before_its_time_nothing_is_lifted()
    {
        demo.Clock.UtcNow = until.AddMinutes(-1);
        var before = await demo.SnapshotAsync(lab);

        Assert.Equal(0, await Lifts().LiftDueAsync());

        Assert.Equal(before, await demo.SnapshotAsync(lab));
        Assert.Equal(AccessValue.Revoked(until), (await demo.ReadAsync(lab)).Access);
    }

    [Fact]
    public async Task After_its_time_it_is_lifted_once_back_to_the_access_before_as_the_system()
    {
        demo.Clock.UtcNow = until.AddMinutes(1);

        Assert.Equal(1, await Lifts().LiftDueAsync());

        var stored = await demo.ReadAsync(lab);
        Assert.Equal(AccessValue.Restricted(Capped), stored.Access);
        Assert.Equal("system", stored.AccessChangedBy);
        var lift = (await demo.EventsAboutAsync(lab)).Last();
        Assert.Equal((Actor.System.Id, Actor.System.Name, AccessChangeService.LiftAction), (lift.ActorId, lift.ActorName, lift.Action));
        Assert.Equal(demo.Clock.UtcNow, lift.OccurredAt);
        Assert.Equal(AccessValue.Revoked(until), AccessJson.Deserialize(lift.AccessBefore!));
        Assert.Equal(AccessValue.Restricted(Capped), AccessJson.Deserialize(lift.AccessAfter!));
        Assert.Equal(stored.AccessSetBySequence, lift.Sequence);

        Assert.Equal(0, await Lifts().LiftDueAsync());
        Assert.Equal(3, (await demo.EventsAboutAsync(lab)).Count);
    }

    [Fact]
    public async Task After_a_lift_a_restore_undoes_the_change_underneath()
    {
        demo.Clock.UtcNow = until.AddMinutes(1);
        await Lifts().LiftDueAsync();

        var restore = await demo.ChangesBy("Alex Account").ChangeAsync(ChangeRequests.Restore(lab, await demo.VersionAsync(lab)));

        Assert.Equal(AccessValue.Active, restore.After);
    }

    [Fact]
    public async Task Two_app_instances_lifting_at_once_lift_it_exactly_once()
    {
        demo.Clock.UtcNow = until.AddMinutes(1);
        var instances = new[] { Lifts(), Lifts() };
        using var start = new Barrier(instances.Length);

        var lifted = await Task.WhenAll(instances.Select(lifts => Task.Run(() =>
        {
            start.SignalAndWait();
            return lifts.LiftDueAsync();
        })));

        Assert.Equal(1, lifted.Sum());
        Assert.Single(await demo.EventsAboutAsync(lab), e => e.Action == AccessChangeService.LiftAction);
        Assert.Equal(AccessValue.Restricted(Capped), (await demo.ReadAsync(lab)).Access);
    }

    [Fact]
    public async Task A_change_decided_at_the_same_moment_as_a_lift_is_refused_as_stale_when_the_lift_came_first()
    {
        var seen = await demo.VersionAsync(lab);
        demo.Clock.UtcNow = until.AddMinutes(1);
        await Lifts().LiftDueAsync();

        var late = await demo.ChangesBy("Alex Account").ChangeAsync(ChangeRequests.Restore(lab, seen, fullAccess: true));

        Assert.Contains("changed by system", late.Errors[ChangeFields.Version]);
    }

    /// <summary>What one app instance runs: its own lifter and service, on the shared database and clock.</summary>
    private TimedLifts Lifts() => new(demo.Contexts, new AccessChangeService(demo.Contexts, new SystemActor(), demo.Clock), demo.Clock);
}
