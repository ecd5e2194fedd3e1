using System.Net.Http.Json;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Gateway.ChangeFeed;
using AccessConsole.Web.Gateway.Decisions;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Scheduling;

/// <summary>Two app instances on one database, each with its workers running, and changes scheduled a few seconds ahead.</summary>
public sealed class ScheduledChangeInstancesTests
{
    private static readonly DecisionItem StagingKey = new(KeyFormat.Hash(DemoKeys.Secret("kestrel-staging")), null, null);

    [Fact]
    public async Task Changes_scheduled_shortly_ahead_apply_exactly_once_and_decisions_and_the_feed_change_only_at_their_time_on_both_instances()
    {
        var database = await TestDatabase.DemoCopyAsync();
        await using var first = new ConsoleFactory(database);
        await using var second = new ConsoleFactory(database);
        var secret = await first.CreateCredentialAsync();
        var gateways = new[] { first.GatewayHttpClient(secret), second.GatewayHttpClient(secret) };
        foreach (var gateway in gateways) Assert.Equal("allow", (await gateway.DecideAsync(StagingKey)).Items[0].Decision);

        var organization = await first.OrganizationAsync(DemoCatalog.StoppedKeyOrganization);
        var others = new[] { await first.OrganizationAsync(DemoCatalog.AcquiredVendor), await first.OrganizationAsync(DemoCatalog.HarnessUser) };
        var versions = new Dictionary<Guid, int>();
        foreach (var subject in others.Prepend(organization)) versions[subject.Id] = await VersionAsync(first, subject);
        var head = await AuditHeadAsync(first);
        var takesEffect = DateTime.UtcNow.AddSeconds(4);
        var gate = GateOf(first);
        var jobs = new List<Guid>();
        foreach (var subject in others.Prepend(organization))
        {
            var gated = await gate.SubmitAsync(ChangeRequests.Revoke(subject, versions[subject.Id]), takesEffect);
            Assert.True(gated.Scheduled, string.Join("; ", gated.Result.Errors.Values));
            jobs.Add(await JobOfAsync(first, gated.Result.AuditSequence!.Value));
        }

        while (DateTime.UtcNow < takesEffect.AddMilliseconds(-250))
        {
            foreach (var gateway in gateways) Assert.Equal("allow", (await gateway.DecideAsync(StagingKey)).Items[0].Decision);
            await Task.Delay(100);
        }
        Assert.Empty((await FeedAsync(gateways[1], head)).Items);
        var denied = new List<TimeSpan>();
        foreach (var gateway in gateways)
        {
            while ((await gateway.DecideAsync(StagingKey)).Items[0].Decision == "allow" && DateTime.UtcNow < takesEffect.AddSeconds(5)) await Task.Delay(20);
            denied.Add(DateTime.UtcNow - takesEffect);
        }

        Assert.All(denied, late => Assert.True(late < TimeSpan.FromSeconds(1), $"denied {late.TotalMilliseconds:N0} ms after its time"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(others.Prepend(organization).Select(o => o.Id.ToString("D")).Order(), (await FeedAsync(gateways[1], head)).Items.Select(i => i.SubjectId).Order());
        await using var db = await first.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        foreach (var (job, subject) in jobs.Zip(others.Prepend(organization)))
        {
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.CorrelationId == job).OrderBy(e => e.Sequence).ToListAsync();
            Assert.Equal([JobEvents.Scheduled, "access.revoke"], events.Select(e => e.Action));
            Assert.Equal(Actor.System.Id, events[1].ActorId);
            Assert.True(events[1].OccurredAt >= takesEffect, $"applied at {events[1].OccurredAt:O}, before its time {takesEffect:O}");
            Assert.Equal(versions[subject.Id] + 1, await VersionAsync(first, subject));
            Assert.Equal(JobState.Completed, (await db.ChangeJobs.SingleAsync(j => j.Id == job)).State);
        }
    }

    private static async Task<AccessChangePage> FeedAsync(HttpClient gateway, long after) =>
        (await gateway.GetFromJsonAsync<AccessChangePage>($"/api/v1/changes?after={after}"))!;

    private static async Task<long> AuditHeadAsync(ConsoleFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.MaxAsync(e => e.Sequence);
    }

    private static ApprovalGate GateOf(ConsoleFactory app)
    {
        var services = app.Services;
        return new ApprovalGate(services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(), new TestActor("Alex Manager", Roles.AccountManager),
            TimeProvider.System, app.ChangeService(), services.GetRequiredService<ApprovalRules>(), services.GetRequiredService<ApprovalNotifier>(),
            services.GetRequiredService<ScheduleSignal>());
    }

    private static async Task<int> VersionAsync(ConsoleFactory app, SubjectRef subject)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        return (await SubjectStore.LoadAsync(db, subject, CancellationToken.None))!.Entity.AccessVersion;
    }

    private static async Task<Guid> JobOfAsync(ConsoleFactory app, long sequence)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        return await db.ScheduledChanges.Where(s => s.SchedulingSequence == sequence).Select(s => s.JobId).SingleAsync();
    }
}
