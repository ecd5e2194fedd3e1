using System.Text.Json;
using AccessConsole.Tests.Bulk;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Scheduling;

/// <summary>
/// A change that takes effect later: nothing changes before its time; at its time it applies once, as the actor
/// system, linked to the event that scheduled it; a subject changed in between is skipped; it can be cancelled.
/// </summary>
public sealed class ScheduledChangeTests : IAsyncLifetime
{
    private static readonly Restriction Cap = new() { RequestsPerMinute = 60 };
    private BulkTestApp app = null!;
    private SubjectRef vendor;

    public async ValueTask InitializeAsync()
    {
        app = await StartAsync();
        vendor = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(DemoCatalog.AcquiredVendor));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private DateTime Now => app.Clock.UtcNow;

    private async Task<AccessChangeRequest> CapVendorAsync() =>
        ChangeRequests.Restrict(vendor, (await app.SubjectAsync(vendor)).Entity.AccessVersion, Cap);

    private async Task<Guid> ScheduleAsync(AccessChangeRequest request, DateTime takesEffect, Actor? actor = null)
    {
        var gated = await app.GateFor(actor ?? Alex).SubmitAsync(request, takesEffect);
        Assert.True(gated.Result.Succeeded, string.Join("; ", gated.Result.Errors.Values));
        return await JobOfAsync(gated.Result.AuditSequence!.Value);
    }

    private async Task<Guid> JobOfAsync(long sequence)
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return await db.ScheduledChanges.Where(s => s.SchedulingSequence == sequence).Select(s => s.JobId).SingleAsync();
    }

    /// <summary>What the app's workers do at a moment: release what is due, then run it.</summary>
    private async Task<int> RunDueAsync()
    {
        var (released, _) = await ScheduledChangeWorker.ReleaseDueAsync(app.Contexts, Now, CancellationToken.None);
        foreach (var id in released) await app.Runner.RunAsync(id);
        return released.Count;
    }

    private ScheduledChangeService ServiceFor(Actor actor) => new(app.Contexts, new TestActor(actor), app.Clock);

    [Fact]
    public async Task A_scheduled_change_changes_nothing_before_its_time_then_applies_once_as_system_linked_to_its_scheduling_event()
    {
        var before = (await app.SubjectAsync(vendor)).Entity;
        var takesEffect = Now.AddMinutes(10);

        var gated = await app.GateFor(Alex).SubmitAsync(await CapVendorAsync(), takesEffect);

        Assert.True(gated.Scheduled);
        Assert.False(gated.SentForApproval);
        var jobId = await JobOfAsync(gated.Result.AuditSequence!.Value);
        var scheduling = Assert.Single(await app.EventsAsync(jobId));
        Assert.Equal((JobEvents.Scheduled, Alex.Id, vendor.Id.ToString("D"), (string?)null), (scheduling.Action, scheduling.ActorId, scheduling.SubjectId, scheduling.AccessAfter));
        Assert.Contains(takesEffect.ToString("yyyy-MM-ddTHH:mm:ss"), scheduling.Details);

        app.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, await RunDueAsync());
        Assert.Equal((before.Access, before.AccessVersion), ((await app.SubjectAsync(vendor)).Entity.Access, (await app.SubjectAsync(vendor)).Entity.AccessVersion));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await RunDueAsync());
        Assert.Equal(0, await RunDueAsync());

        var after = (await app.SubjectAsync(vendor)).Entity;
        Assert.Equal((AccessState.Restricted, 60, before.AccessVersion + 1), (after.AccessState, after.Restriction!.RequestsPerMinute, after.AccessVersion));
        var events = await app.EventsAsync(jobId);
        Assert.Equal([JobEvents.Scheduled, "access.restrict"], events.Select(e => e.Action));
        var applied = events[1];
        Assert.Equal((Actor.System.Id, jobId, Now), (applied.ActorId, applied.CorrelationId!.Value, applied.OccurredAt));
        using var details = JsonDocument.Parse(applied.Details!);
        Assert.Equal(scheduling.Sequence, details.RootElement.GetProperty("scheduledBy").GetInt64());
        var row = Assert.Single(await ServiceFor(Alex).MineAsync());
        Assert.Equal((ScheduleState.Applied, applied.Sequence, "Alex Manager"), (row.State, row.AppliedSequence, row.ScheduledByName));
    }

    [Fact]
    public async Task Two_appliers_on_one_database_at_the_same_moment_apply_each_scheduled_change_exactly_once()
    {
        var subjects = new List<SubjectRef> { vendor };
        foreach (var name in new[] { DemoCatalog.HarnessUser, DemoCatalog.DisputedOrganization, DemoCatalog.StoppedKeyOrganization })
        {
            subjects.Add(new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(name)));
        }
        var versions = new List<int>();
        var jobs = new List<Guid>();
        foreach (var subject in subjects)
        {
            versions.Add((await app.SubjectAsync(subject)).Entity.AccessVersion);
            jobs.Add(await ScheduleAsync(ChangeRequests.Restrict(subject, versions[^1], Cap), Now.AddMinutes(1)));
        }
        var otherInstance = new ChangeJobRunner(app.Contexts,
            new AccessChangeService(app.Contexts, new TestActor(Actor.System), app.Clock), app.Clock);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        async Task<int> ApplyAsync(ChangeJobRunner runner)
        {
            var (released, _) = await ScheduledChangeWorker.ReleaseDueAsync(app.Contexts, Now, CancellationToken.None);
            foreach (var job in jobs) await runner.RunAsync(job);
            return released.Count;
        }
        var released = await Task.WhenAll(ApplyAsync(app.Runner), ApplyAsync(otherInstance));

        Assert.Equal(subjects.Count, released.Sum());
        foreach (var (job, i) in jobs.Select((job, i) => (job, i)))
        {
            Assert.Equal([JobEvents.Scheduled, "access.restrict"], (await app.EventsAsync(job)).Select(e => e.Action));
            Assert.Equal(ItemOutcome.Changed, Assert.Single(await app.ItemsAsync(job)).Outcome);
            Assert.Equal(versions[i] + 1, (await app.SubjectAsync(subjects[i])).Entity.AccessVersion);
        }
    }

    [Fact]
    public async Task A_scheduled_bulk_change_keeps_the_subjects_fixed_when_scheduled_and_runs_at_its_time_skipping_one_changed_since()
    {
        string[] names = [DemoCatalog.AcquiredVendor, DemoCatalog.HarnessUser, DemoCatalog.StoppedKeyOrganization];
        var segment = new Segment { Organizations = [.. names] };
        var service = app.BulkFor(Alex);
        var preview = await service.PreviewAsync(segment, 0, 10);
        var terms = Terms(ChangeKind.Restrict, StandardReasonCodes.Capacity, Cap);

        var past = await service.SubmitAsync(new BulkSubmission(segment, terms, preview.Impact!.Subjects, TakesEffectAt: Now.AddMinutes(-5)));
        var result = await service.SubmitAsync(new BulkSubmission(segment, terms, preview.Impact!.Subjects, TakesEffectAt: Now.AddHours(1)));

        Assert.StartsWith("Choose a time after now", past.Errors[ChangeFields.TakesEffect]);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        var jobId = result.JobId!.Value;
        Assert.Equal(JobState.Scheduled, (await app.JobAsync(jobId)).State);
        Assert.Equal(names.Order(), (await app.ItemsAsync(jobId)).Select(i => i.SubjectName).Order());
        var harness = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(DemoCatalog.HarnessUser));
        await app.ChangeAsync(Blair, harness, ChangeRequests.Revoke(harness, 0));

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await RunDueAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await RunDueAsync());

        var job = await app.JobAsync(jobId);
        Assert.Equal((JobState.Completed, 2, 1), (job.State, job.Changed, job.NotChanged));
        var skipped = Assert.Single(await app.ItemsAsync(jobId), i => i.Outcome == ItemOutcome.NotChanged);
        Assert.Equal(DemoCatalog.HarnessUser, skipped.SubjectName);
        Assert.StartsWith("Skipped: the subject was changed after this change was scheduled", skipped.Message);
        Assert.Equal(AccessState.Revoked, (await app.SubjectAsync(harness)).Entity.AccessState);
        var events = await app.EventsAsync(jobId);
        Assert.Equal([JobEvents.Scheduled, "access.restrict", "access.restrict"], events.Select(e => e.Action));
        Assert.All(events.Skip(1), e => Assert.Equal(Actor.System.Id, e.ActorId));
        var row = Assert.Single(await ServiceFor(Alex).MineAsync());
        Assert.Equal("Applied (2 changed, 1 skipped)", row.StateText);
    }

    [Fact]
    public async Task A_time_that_is_not_after_now_is_refused_at_its_field_and_nothing_is_saved()
    {
        var head = await app.AuditHeadAsync();
        var scheduled = await ScheduledCountAsync();

        var past = await app.GateFor(Alex).SubmitAsync(await CapVendorAsync(), Now.AddMinutes(-1));
        var now = await app.GateFor(Alex).SubmitAsync(await CapVendorAsync(), Now);
        var endsFirst = await app.GateFor(Alex).SubmitAsync(await CapVendorAsync() with { Until = Now.AddHours(1) }, Now.AddHours(2));

        Assert.StartsWith("Choose a time after now", past.Result.Errors[ChangeFields.TakesEffect]);
        Assert.StartsWith("Choose a time after now", now.Result.Errors[ChangeFields.TakesEffect]);
        Assert.Equal("Choose an end after the time the change takes effect.", endsFirst.Result.Errors[ChangeFields.Until]);
        Assert.Equal(head, await app.AuditHeadAsync());
        Assert.Equal(scheduled, await ScheduledCountAsync());
    }

    private async Task<int> ScheduledCountAsync()
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return await db.ScheduledChanges.CountAsync();
    }

    [Fact]
    public async Task A_subject_changed_by_someone_after_scheduling_is_skipped_with_the_reason_and_not_changed_blindly()
    {
        var jobId = await ScheduleAsync(await CapVendorAsync(), Now.AddMinutes(5));
        await app.ChangeAsync(Blair, vendor, ChangeRequests.Revoke(vendor, 0));
        var revoked = (await app.SubjectAsync(vendor)).Entity;

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await RunDueAsync();

        var now = (await app.SubjectAsync(vendor)).Entity;
        Assert.Equal((AccessState.Revoked, revoked.AccessVersion), (now.AccessState, now.AccessVersion));
        Assert.Equal([JobEvents.Scheduled], (await app.EventsAsync(jobId)).Select(e => e.Action));
        var row = Assert.Single(await ServiceFor(Alex).MineAsync());
        Assert.Equal(ScheduleState.Skipped, row.State);
        Assert.StartsWith("Skipped: the subject was changed after this change was scheduled", row.Reason);
        Assert.Contains("Blair Manager", row.Reason);
        Assert.Equal(ScheduleState.Skipped, Assert.Single(await ServiceFor(Alex).ForSubjectAsync(vendor.Id)).State);
    }

    [Fact]
    public async Task A_scheduled_change_cancelled_with_a_reason_is_audited_and_never_applies()
    {
        var before = (await app.SubjectAsync(vendor)).Entity.Access;
        var jobId = await ScheduleAsync(await CapVendorAsync(), Now.AddMinutes(5));

        var noReason = await ServiceFor(Blair).CancelAsync(jobId, "  ");
        var cancelled = await ServiceFor(Blair).CancelAsync(jobId, "The customer agreed to lower its usage itself.");
        var again = await ServiceFor(Blair).CancelAsync(jobId, "The customer agreed to lower its usage itself.");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var released = await RunDueAsync();

        Assert.StartsWith("Write why it is cancelled", noReason.Errors[CancelResult.Reason]);
        Assert.True(cancelled.Succeeded);
        Assert.Equal("This change can no longer be cancelled: it is cancelled.", again.Errors[CancelResult.Change]);
        Assert.Equal(0, released);
        Assert.Equal(before, (await app.SubjectAsync(vendor)).Entity.Access);
        var events = await app.EventsAsync(jobId);
        Assert.Equal([JobEvents.Scheduled, JobEvents.ScheduleCancelled], events.Select(e => e.Action));
        Assert.Equal((Blair.Id, "The customer agreed to lower its usage itself."), (events[1].ActorId, events[1].Justification));
        var row = Assert.Single(await ServiceFor(Alex).MineAsync());
        Assert.Equal(ScheduleState.Cancelled, row.State);
        Assert.StartsWith("The customer agreed to lower its usage itself. (Blair Manager,", row.Reason);
        Assert.Empty(await ServiceFor(Alex).ForSubjectAsync(vendor.Id));
    }

    [Fact]
    public async Task An_approved_scheduled_change_keeps_its_time()
    {
        var lab = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(DemoCatalog.RivalLab));
        var gated = await app.GateFor(Alex).SubmitAsync(ChangeRequests.Revoke(lab, (await app.SubjectAsync(lab)).Entity.AccessVersion), Now.AddHours(1));
        Assert.True(gated.SentForApproval);
        Assert.Equal(ScheduleState.AwaitingApproval, Assert.Single(await ServiceFor(Alex).ForSubjectAsync(lab.Id)).State);

        var decision = await app.ApprovalsFor(Blair).ApproveAsync(gated.Request!.Id, "Checked with legal: the terms clause applies.");

        Assert.Equal($"Approved: the change takes effect at {Now.AddHours(1):yyyy-MM-dd HH:mm} UTC, as scheduled.", decision.Outcome);
        Assert.Equal(AccessState.Active, (await app.SubjectAsync(lab)).Entity.AccessState);
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await RunDueAsync());
        Assert.Equal(AccessState.Revoked, (await app.SubjectAsync(lab)).Entity.AccessState);
        var applied = (await app.EventsAsync(gated.Request.JobId))[^1];
        Assert.Equal(("access.revoke", Actor.System.Id, Blair.Id), (applied.Action, applied.ActorId, applied.ApproverId));
    }

    [Fact]
    public async Task A_request_still_pending_at_its_time_applies_on_approval_not_retroactively_and_says_so()
    {
        var lab = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(DemoCatalog.RivalLab));
        var takesEffect = Now.AddHours(1);
        var gated = await app.GateFor(Alex).SubmitAsync(ChangeRequests.Revoke(lab, (await app.SubjectAsync(lab)).Entity.AccessVersion), takesEffect);
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await RunDueAsync());
        Assert.Equal(AccessState.Active, (await app.SubjectAsync(lab)).Entity.AccessState);

        var decision = await app.ApprovalsFor(Blair).ApproveAsync(gated.Request!.Id, "Checked with legal: the terms clause applies.");

        Assert.Equal($"Approved and applied: Northwind AI Labs changed. It was scheduled for {takesEffect:yyyy-MM-dd HH:mm} UTC, which passed while it "
            + "waited for approval: it took effect now, not retroactively.", decision.Outcome);
        var subject = (await app.SubjectAsync(lab)).Entity;
        Assert.Equal((AccessState.Revoked, Now), (subject.AccessState, subject.AccessChangedAt));
    }
}
