using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Bulk;

/// <summary>Undoing a bulk change as a whole: every subject back to the access it had before, as a job of its own.</summary>
public sealed class UndoTests : IAsyncLifetime
{
    private static readonly Restriction Capped = new() { RequestsPerMinute = 100 };

    // Ledgerline starts restricted to two model families (demo history); the others start with full access.
    private static readonly string[] Names = ["Ledgerline Resale", DemoCatalog.StoppedKeyOrganization, DemoCatalog.HarnessUser];

    private BulkTestApp app = null!;

    public async ValueTask InitializeAsync() => app = await StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Undo_restores_each_subject_to_the_access_it_had_before_under_a_correlation_id_of_its_own()
    {
        var before = await AccessAsync();
        var bulk = await RunBulkAsync();
        Assert.All(await AccessAsync(), a => Assert.Equal(AccessValue.Restricted(Capped), a.Value));

        var undo = await UndoAsync(bulk);
        Assert.True(await app.Runner.RunAsync(undo));

        Assert.Equal(before, await AccessAsync());
        Assert.Equal(AccessValue.Restricted(new Restriction { ModelFamilies = ["haiku", "sonnet"] }), before["Ledgerline Resale"]);
        var bulkEvents = (await app.EventsAsync(bulk)).Where(e => e.AccessAfter != null).ToList();
        var undoEvents = (await app.EventsAsync(undo)).Where(e => e.AccessAfter != null).ToList();
        Assert.NotEqual(bulk, undo);
        Assert.Equal(["access.restore", "access.restore", "access.restore"], undoEvents.Select(e => e.Action));
        Assert.Equal(bulkEvents.Select(e => (long?)e.Sequence).Order(), undoEvents.Select(e => e.UndoesSequence).Order());
        var job = await app.JobAsync(undo);
        Assert.Equal((JobOrigin.Undo, bulk, JobState.Completed, 3), (job.Origin, job.UndoesJobId, job.State, job.Changed));
    }

    [Fact]
    public async Task Undo_leaves_a_subject_changed_since_as_it_is_and_says_why()
    {
        var bulk = await RunBulkAsync();
        var kestrel = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(DemoCatalog.StoppedKeyOrganization));
        await app.ChangeAsync(Blair, kestrel, Terms(ChangeKind.Restrict, StandardReasonCodes.Capacity, new Restriction { RequestsPerMinute = 5 }));

        var undo = await UndoAsync(bulk);
        await app.Runner.RunAsync(undo);

        var items = await app.ItemsAsync(undo);
        var skipped = Assert.Single(items, i => i.Outcome == ItemOutcome.NotChanged);
        Assert.Equal(kestrel.Id, skipped.SubjectId);
        Assert.Contains("was changed by Blair Manager", skipped.Message);
        Assert.Equal(AccessValue.Restricted(new Restriction { RequestsPerMinute = 5 }), (await app.SubjectAsync(kestrel)).Entity.Access);
        Assert.Equal(2, items.Count(i => i.Outcome == ItemOutcome.Changed));
    }

    [Fact]
    public async Task Undo_is_refused_before_the_job_finished_twice_and_for_a_restore()
    {
        var segment = new Segment { Organizations = Names };
        var queued = await app.SubmitQueuedAsync(Alex, segment, Terms(ChangeKind.Restrict, StandardReasonCodes.Capacity, Capped));
        Assert.Contains("once it has finished", (await TryUndoAsync(queued)).Errors[ChangeFields.Subject]);

        await app.Runner.RunAsync(queued);
        var undo = await UndoAsync(queued);
        Assert.Contains("undone already", (await TryUndoAsync(queued)).Errors[ChangeFields.Subject]);

        await app.Runner.RunAsync(undo);
        Assert.Contains("Only a bulk change", (await TryUndoAsync(undo)).Errors[ChangeFields.Subject]);
        var restore = await app.SubmitQueuedAsync(Alex, segment, Terms(ChangeKind.Restore, StandardReasonCodes.CustomerRequest) with { RestoreFullAccess = true });
        await app.Runner.RunAsync(restore);
        Assert.Contains("A restore is not undone", (await TryUndoAsync(restore)).Errors[ChangeFields.Subject]);
    }

    [Fact]
    public async Task Undo_needs_a_reason_and_a_justification()
    {
        var bulk = await RunBulkAsync();

        var result = await app.JobsFor(Alex).UndoAsync(bulk, "", "", null, null);

        Assert.Equal("Choose a reason.", result.Errors[ChangeFields.Reason]);
        Assert.Equal("Write a justification.", result.Errors[ChangeFields.Justification]);
    }

    private async Task<Guid> RunBulkAsync()
    {
        var bulk = await app.SubmitQueuedAsync(Alex, new Segment { Organizations = Names }, Terms(ChangeKind.Restrict, StandardReasonCodes.Capacity, Capped));
        Assert.True(await app.Runner.RunAsync(bulk));
        return bulk;
    }

    private Task<BulkSubmitResult> TryUndoAsync(Guid jobId) =>
        app.JobsFor(Blair).UndoAsync(jobId, StandardReasonCodes.CustomerRequest, "The capacity incident is over; caps lifted.", "INC-9", null);

    private async Task<Guid> UndoAsync(Guid jobId)
    {
        var result = await TryUndoAsync(jobId);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        Assert.False(result.SentForApproval);
        return result.JobId!.Value;
    }

    private async Task<Dictionary<string, AccessValue>> AccessAsync()
    {
        var access = new Dictionary<string, AccessValue>();
        foreach (var name in Names)
        {
            access[name] = (await app.SubjectAsync(new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(name)))).Entity.Access;
        }
        return access;
    }
}
