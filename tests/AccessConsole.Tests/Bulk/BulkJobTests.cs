using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Bulk;

/// <summary>Bulk jobs: one correlation id, every subject changed exactly once, through crashes, stops and a second runner.</summary>
public sealed class BulkJobTests : IAsyncLifetime
{
    private const string ItemUpdate = "UPDATE \"ChangeJobItems\"";
    private static readonly Restriction Capped = new() { RequestsPerMinute = 60, TokensPerMinute = 20_000 };
    private static readonly Segment Resellers = new() { Tag = "reseller" };

    private BulkTestApp app = null!;

    public async ValueTask InitializeAsync() => app = await StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Scenario_2_every_competitors_use_of_Glide_IDE_is_revoked_by_one_job_with_one_correlation_id()
    {
        var glide = await app.IntegrationIdAsync(DemoCatalog.BlockedIde);
        var helix = await app.OrganizationIdAsync(DemoCatalog.IdeRival);
        var segment = new Segment { Subjects = SegmentSubjects.OrganizationIntegrations, Tag = "competitor", IntegrationId = glide };
        var head = await app.AuditHeadAsync();

        var jobId = await app.SubmitQueuedAsync(Alex, segment, Terms(ChangeKind.Revoke));
        Assert.True(await app.Runner.RunAsync(jobId));

        var job = await app.JobAsync(jobId);
        Assert.Equal((JobState.Completed, 4, 4, 0), (job.State, job.Total, job.Changed, job.NotChanged));
        var rows = await DemoRows.LoadAsync(app);
        var competitorUses = rows.SubjectsOf(segment, app.Today);
        Assert.Equal(competitorUses.Order(), rows.Uses.Where(u => u.IntegrationId == glide && u.State == AccessState.Revoked).Select(u => u.Id).Order());
        Assert.All(rows.Uses.Where(u => u.OrganizationId == helix && u.IntegrationId != glide), u => Assert.Equal(AccessState.Active, u.State));
        Assert.Equal(AccessState.Active, rows.Organizations.Single(o => o.Id == helix).State);

        await using var db = await app.Contexts.CreateDbContextAsync();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > head).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([JobEvents.Submitted, "access.revoke", "access.revoke", "access.revoke", "access.revoke"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(jobId, e.CorrelationId));
        Assert.All(events, e => Assert.Equal((Alex.Id, (string?)null), (e.ActorId, e.ApproverId)));
        Assert.Equal(competitorUses.Order(), events.Skip(1).Select(e => Guid.Parse(e.SubjectId!)).Order());
        var items = await app.ItemsAsync(jobId);
        Assert.All(items, i => Assert.Equal(events.Single(e => e.SubjectId == i.SubjectId.ToString()).Sequence, i.AuditSequence));
    }

    [Fact]
    public async Task A_job_that_crashes_midway_reports_exactly_what_it_changed_and_after_a_restart_changes_every_other_subject_once()
    {
        var jobId = await app.SubmitQueuedAsync(Alex, Resellers, Terms(ChangeKind.Restrict, StandardReasonCodes.Resale, Capped));
        var before = await AccessOfAsync(jobId);
        Assert.True(before.Count >= 6, $"the demo has {before.Count} resellers; the test needs at least 6");

        var crash = new InterruptingContexts(app, ItemUpdate, nth: 4);
        var crashed = await Assert.ThrowsAnyAsync<Exception>(() => InterruptingContexts.RunnerOn(app, crash).RunAsync(jobId));
        Assert.IsType<SimulatedCrash>(crashed.GetBaseException());

        var items = await app.ItemsAsync(jobId);
        Assert.Equal(Enumerable.Repeat(ItemOutcome.Changed, 3).Concat(Enumerable.Repeat(ItemOutcome.Pending, items.Count - 3)), items.Select(i => i.Outcome));
        var changes = (await app.EventsAsync(jobId)).Where(e => e.Action == "access.restrict").ToList();
        Assert.Equal(items.Where(i => i.Outcome == ItemOutcome.Changed).Select(i => i.SubjectId.ToString()), changes.Select(e => e.SubjectId));
        var interrupted = items[3].SubjectId;
        Assert.Equal(before[interrupted], await AccessAsync(interrupted));
        var job = await app.JobAsync(jobId);
        Assert.Equal((JobState.Running, 3), (job.State, job.Changed));
        Assert.Contains("Simulated crash", job.LastError);

        var path = app.Factory.DatabasePath;
        app.Factory.DeletesDatabase = false;
        await app.Factory.DisposeAsync();
        await using var restarted = new ConsoleFactory(path) { DeletesDatabase = true };
        restarted.Settings["TimedLifts:Enabled"] = "false";
        restarted.Settings["BulkJobs:Interval"] = "00:00:01";
        restarted.StartHost();
        var resumed = await WaitForStateAsync(restarted, jobId, JobState.Completed);

        Assert.Equal((before.Count, before.Count, 0), (resumed.Total, resumed.Changed, resumed.NotChanged));
        await AssertEachChangedOnceAsync(restarted.Services, jobId, before);
    }

    [Fact]
    public async Task A_job_stopped_midway_resumes_and_changes_every_subject_once()
    {
        var jobId = await app.SubmitQueuedAsync(Alex, Resellers, Terms(ChangeKind.Restrict, StandardReasonCodes.Resale, Capped));
        var before = await AccessOfAsync(jobId);
        using var stop = new CancellationTokenSource();

        var stopping = new InterruptingContexts(app, ItemUpdate, nth: 3, instead: stop.Cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => InterruptingContexts.RunnerOn(app, stopping).RunAsync(jobId, stop.Token));

        Assert.Equal(2, (await app.ItemsAsync(jobId)).Count(i => i.Outcome == ItemOutcome.Changed));
        Assert.Equal(2, (await app.EventsAsync(jobId)).Count(e => e.Action == "access.restrict"));

        Assert.True(await app.Runner.RunAsync(jobId));

        Assert.Equal(JobState.Completed, (await app.JobAsync(jobId)).State);
        await AssertEachChangedOnceAsync(app.Factory.Services, jobId, before);
    }

    [Fact]
    public async Task Two_runners_on_one_job_at_once_change_every_subject_once()
    {
        var jobId = await app.SubmitQueuedAsync(Alex, Resellers, Terms(ChangeKind.Restrict, StandardReasonCodes.Resale, Capped));
        var before = await AccessOfAsync(jobId);

        await Task.WhenAll(
            InterruptingContexts.RunnerOn(app, app.Contexts).RunAsync(jobId),
            InterruptingContexts.RunnerOn(app, app.Contexts).RunAsync(jobId));

        var job = await app.JobAsync(jobId);
        Assert.Equal((JobState.Completed, before.Count, 0), (job.State, job.Changed, job.NotChanged));
        await AssertEachChangedOnceAsync(app.Factory.Services, jobId, before);
    }

    [Fact]
    public async Task A_subject_changed_after_the_snapshot_is_left_alone_and_the_job_says_why()
    {
        var jobId = await app.SubmitQueuedAsync(Alex, Resellers, Terms(ChangeKind.Restrict, StandardReasonCodes.Resale, Capped));
        var items = await app.ItemsAsync(jobId);
        var meanwhile = items[1].Subject;
        await app.ChangeAsync(Blair, meanwhile, Terms(ChangeKind.Restrict, StandardReasonCodes.Capacity, new Restriction { ModelFamilies = ["haiku"] }));

        await app.Runner.RunAsync(jobId);

        var outcome = (await app.ItemsAsync(jobId))[1];
        Assert.Equal(ItemOutcome.NotChanged, outcome.Outcome);
        Assert.Contains("was changed by Blair Manager", outcome.Message);
        Assert.Equal(new Restriction { ModelFamilies = ["haiku"] }, (await app.SubjectAsync(meanwhile)).Entity.Restriction);
        var job = await app.JobAsync(jobId);
        Assert.Equal((JobState.Completed, items.Count - 1, 1), (job.State, job.Changed, job.NotChanged));
    }

    private async Task<Dictionary<Guid, (AccessValue Access, int Version)>> AccessOfAsync(Guid jobId)
    {
        var result = new Dictionary<Guid, (AccessValue, int)>();
        foreach (var item in await app.ItemsAsync(jobId)) result[item.SubjectId] = await AccessAsync(item.SubjectId);
        return result;
    }

    private async Task<(AccessValue, int)> AccessAsync(Guid organizationId)
    {
        var subject = await app.SubjectAsync(new SubjectRef(SubjectKind.Organization, organizationId));
        return (subject.Entity.Access, subject.Entity.AccessVersion);
    }

    private static async Task AssertEachChangedOnceAsync(IServiceProvider services, Guid jobId, Dictionary<Guid, (AccessValue Access, int Version)> before)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AccessConsole.Web.Data.AccessConsoleDbContext>>().CreateDbContextAsync();
        var changes = await db.AuditEvents.Where(e => e.CorrelationId == jobId && e.Action == "access.restrict").Select(e => e.SubjectId).ToListAsync();
        Assert.Equal(before.Keys.Select(k => k.ToString()).Order(), changes.Order());
        var items = await db.ChangeJobItems.Where(i => i.JobId == jobId).ToListAsync();
        Assert.All(items, i => Assert.Equal(ItemOutcome.Changed, i.Outcome));
        var organizations = await db.Organizations.AsNoTracking().Where(o => before.Keys.Contains(o.Id)).ToListAsync();
        Assert.All(organizations, o => Assert.Equal((AccessValue.Restricted(Capped), before[o.Id].Version + 1), (o.Access, o.AccessVersion)));
    }

    private static async Task<ChangeJob> WaitForStateAsync(ConsoleFactory factory, Guid jobId, JobState state)
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<AccessConsole.Web.Data.AccessConsoleDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var job = await db.ChangeJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
                if (job.State == state || DateTime.UtcNow > deadline) return job;
            }
            await Task.Delay(200);
        }
    }
}
