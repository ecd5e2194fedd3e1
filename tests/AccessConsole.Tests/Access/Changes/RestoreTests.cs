using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.DemoData;

namespace AccessConsole.Tests.Access.Changes;

public sealed class RestoreTests : IAsyncLifetime
{
    private static readonly Restriction Evaluation = new() { Purposes = [KeyPurpose.Benchmarking, KeyPurpose.SafetyEvaluation] };
    private static readonly Restriction Capped = new() { RequestsPerMinute = 100 };

    private DemoDatabase demo = null!;
    private AccessChangeService service = null!;
    private SubjectRef lab;

    public async ValueTask InitializeAsync()
    {
        demo = await DemoDatabase.OpenAsync();
        service = demo.ChangesBy("Alex Account");
        lab = await demo.OrganizationAsync(DemoCatalog.RivalLab);
    }

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task Restricted_then_revoked_then_restored_gives_the_restriction_back_then_full_access()
    {
        Assert.Equal(AccessValue.Active, (await demo.ReadAsync(lab)).Access);

        await ChangeAsync(v => ChangeRequests.Restrict(lab, v, Evaluation));
        await ChangeAsync(v => ChangeRequests.Revoke(lab, v));
        var first = await ChangeAsync(v => ChangeRequests.Restore(lab, v));
        Assert.Equal(AccessValue.Restricted(Evaluation), first.After);
        Assert.Equal(AccessValue.Restricted(Evaluation), (await demo.ReadAsync(lab)).Access);

        var second = await ChangeAsync(v => ChangeRequests.Restore(lab, v));
        Assert.Equal(AccessValue.Active, second.After);
        Assert.Equal(AccessValue.Active, (await demo.ReadAsync(lab)).Access);
    }

    [Fact]
    public async Task Each_event_records_the_access_before_and_after_and_what_a_restore_undid()
    {
        var restrict = await ChangeAsync(v => ChangeRequests.Restrict(lab, v, Evaluation));
        var revoke = await ChangeAsync(v => ChangeRequests.Revoke(lab, v));
        var restore = await ChangeAsync(v => ChangeRequests.Restore(lab, v));
        var restoreAgain = await ChangeAsync(v => ChangeRequests.Restore(lab, v));

        var events = await demo.EventsAboutAsync(lab);
        Assert.Equal([restrict.AuditSequence, revoke.AuditSequence, restore.AuditSequence, restoreAgain.AuditSequence], events.Select(e => (long?)e.Sequence));
        Assert.Equal(["access.restrict", "access.revoke", "access.restore", "access.restore"], events.Select(e => e.Action));
        AccessValue[] states = [AccessValue.Active, AccessValue.Restricted(Evaluation), AccessValue.Revoked(), AccessValue.Restricted(Evaluation), AccessValue.Active];
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(states[i], AccessJson.Deserialize(events[i].AccessBefore!));
            Assert.Equal(states[i + 1], AccessJson.Deserialize(events[i].AccessAfter!));
        }
        Assert.Equal([null, null, revoke.AuditSequence, restrict.AuditSequence], events.Select(e => e.UndoesSequence));
        Assert.Equal([null, restrict.AuditSequence, null, null], events.Select(e => e.PreviousChangeSequence));
        Assert.Equal("{\"State\":\"Restricted\",\"Restriction\":{\"Purposes\":[\"Benchmarking\",\"SafetyEvaluation\"],\"FirstPartyClientsOnly\":false}}", events[0].AccessAfter);
    }

    [Fact]
    public async Task Three_changes_are_undone_one_at_a_time_in_reverse()
    {
        var tighter = Evaluation with { RequestsPerMinute = 10 };
        await ChangeAsync(v => ChangeRequests.Restrict(lab, v, Capped));
        await ChangeAsync(v => ChangeRequests.Restrict(lab, v, Evaluation));
        await ChangeAsync(v => ChangeRequests.Restrict(lab, v, tighter));

        Assert.Equal(AccessValue.Restricted(Evaluation), (await ChangeAsync(v => ChangeRequests.Restore(lab, v))).After);
        Assert.Equal(AccessValue.Restricted(Capped), (await ChangeAsync(v => ChangeRequests.Restore(lab, v))).After);
        Assert.Equal(AccessValue.Active, (await ChangeAsync(v => ChangeRequests.Restore(lab, v))).After);
    }

    [Fact]
    public async Task A_change_after_a_restore_stacks_on_what_remains()
    {
        await ChangeAsync(v => ChangeRequests.Restrict(lab, v, Capped));
        await ChangeAsync(v => ChangeRequests.Restrict(lab, v, Evaluation));
        await ChangeAsync(v => ChangeRequests.Restore(lab, v));
        await ChangeAsync(v => ChangeRequests.Revoke(lab, v));

        Assert.Equal(AccessValue.Restricted(Capped), (await ChangeAsync(v => ChangeRequests.Restore(lab, v))).After);
        Assert.Equal(AccessValue.Active, (await ChangeAsync(v => ChangeRequests.Restore(lab, v))).After);
    }

    [Fact]
    public async Task Restore_with_nothing_to_undo_is_refused_with_a_message()
    {
        var before = await demo.SnapshotAsync(lab);

        var result = await service.ChangeAsync(ChangeRequests.Restore(lab, await demo.VersionAsync(lab)));

        Assert.False(result.Succeeded);
        Assert.Contains("no earlier change to undo", result.Errors[ChangeFields.Restore]);
        Assert.Equal(before, await demo.SnapshotAsync(lab));
    }

    [Fact]
    public async Task Full_access_gives_active_and_leaves_nothing_to_undo()
    {
        await ChangeAsync(v => ChangeRequests.Restrict(lab, v, Evaluation));
        await ChangeAsync(v => ChangeRequests.Revoke(lab, v));

        var full = await ChangeAsync(v => ChangeRequests.Restore(lab, v, fullAccess: true));

        Assert.Equal(AccessValue.Active, full.After);
        var stored = await demo.ReadAsync(lab);
        Assert.Equal(AccessValue.Active, stored.Access);
        Assert.Null(stored.AccessUndoSequence);
        var again = await service.ChangeAsync(ChangeRequests.Restore(lab, stored.AccessVersion));
        Assert.Contains("no earlier change to undo", again.Errors[ChangeFields.Restore]);
        var fullAgain = await service.ChangeAsync(ChangeRequests.Restore(lab, stored.AccessVersion, fullAccess: true));
        Assert.Contains("already has full access", fullAgain.Errors[ChangeFields.Restore]);
    }

    [Fact]
    public async Task Restoring_a_timed_change_by_hand_gives_the_access_before_it_without_a_time_limit()
    {
        await ChangeAsync(v => ChangeRequests.Restrict(lab, v, Capped));
        await ChangeAsync(v => ChangeRequests.Revoke(lab, v, until: demo.Clock.UtcNow.AddDays(7)));
        Assert.NotNull((await demo.ReadAsync(lab)).AccessUntil);

        var restored = await ChangeAsync(v => ChangeRequests.Restore(lab, v));

        Assert.Equal(AccessValue.Restricted(Capped), restored.After);
        Assert.Null((await demo.ReadAsync(lab)).AccessUntil);
    }

    [Fact]
    public async Task Restore_works_the_same_on_a_key()
    {
        var key = await demo.KeyAsync("northwind-research");
        await ChangeAsync(v => ChangeRequests.Restrict(key, v, Capped));
        await ChangeAsync(v => ChangeRequests.Revoke(key, v));

        Assert.Equal(AccessValue.Restricted(Capped), (await ChangeAsync(v => ChangeRequests.Restore(key, v))).After);
        Assert.Equal(AccessValue.Restricted(Capped), (await demo.ReadAsync(key)).Access);
    }

    /// <summary>Makes a change on the subject's current version and insists that it succeeds.</summary>
    private async Task<AccessChangeResult> ChangeAsync(Func<int, AccessChangeRequest> request)
    {
        var change = request(0);
        var result = await service.ChangeAsync(request(await demo.VersionAsync(change.Subject)));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return result;
    }
}
