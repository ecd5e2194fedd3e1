using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.DemoData;

/// <summary>The demo's ninety days of history: enough of it, by enough people, of every kind the console records.</summary>
public sealed class DemoHistoryTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;
    private List<AuditEvent> events = null!;

    public async ValueTask InitializeAsync()
    {
        demo = await DemoDatabase.OpenAsync();
        events = await demo.AllEventsAsync();
    }

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public void At_least_400_events_by_at_least_eight_people_who_hold_all_four_roles()
    {
        var people = events.Where(e => e.ActorId != Actor.System.Id).GroupBy(e => e.ActorId).ToList();
        var roles = people.SelectMany(p => p.First().ActorRoles.Split(',')).ToHashSet();

        Assert.True(events.Count >= 400, $"{events.Count} events");
        Assert.True(people.Count >= 8, $"{people.Count} people");
        Assert.Subset(roles, Roles.All.ToHashSet());
        Assert.True(events[0].OccurredAt <= events[^1].OccurredAt.AddDays(-85), "the history spans about ninety days");
    }

    [Fact]
    public void Events_are_dated_in_the_order_of_the_chain()
    {
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.OccurredAt < p.Second.OccurredAt));
    }

    [Fact]
    public async Task Keys_revoked_for_exposure_were_replaced_by_a_new_key_of_the_same_organization()
    {
        var exposures = events.Where(e => e is { Action: "access.revoke", SubjectKind: nameof(SubjectKind.ApiKey), ReasonCode: StandardReasonCodes.KeyExposed }).ToList();
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var replaced = 0;
        foreach (var exposure in exposures)
        {
            var name = exposure.SubjectName!.Split(' ')[0];
            var replacement = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Name == name + "-rotated");
            if (replacement is null) continue;
            Assert.Equal(exposure.OrganizationId, replacement.OrganizationId);
            Assert.True(replacement.CreatedAt > exposure.OccurredAt);
            Assert.Equal(AccessState.Active, replacement.AccessState);
            replaced++;
        }
        Assert.True(replaced >= 10, $"{replaced} of {exposures.Count} exposed keys replaced");
    }

    [Fact]
    public void Timed_restrictions_lifted_themselves_as_the_system()
    {
        var lifts = events.Where(e => e.Action == "access.lift").ToList();

        Assert.True(lifts.Count >= 10, $"{lifts.Count} lifts");
        Assert.All(lifts, e => Assert.Equal(Actor.System.Id, e.ActorId));
        Assert.All(lifts, e => Assert.NotNull(AccessJson.Deserialize(e.AccessBefore!).Until));
    }

    [Fact]
    public void Capacity_caps_were_raised_and_lowered()
    {
        var changes = events.Where(e => e.Action == "access.restrict" && e.AccessBefore is not null)
            .Select(e => (Before: AccessJson.Deserialize(e.AccessBefore!).Restriction?.RequestsPerMinute, After: AccessJson.Deserialize(e.AccessAfter!).Restriction?.RequestsPerMinute))
            .Where(c => c.Before is not null && c.After is not null).ToList();

        Assert.Contains(changes, c => c.After > c.Before);
        Assert.Contains(changes, c => c.After < c.Before);
    }

    [Fact]
    public void Requests_were_approved_rejected_and_left_to_expire()
    {
        foreach (var action in new[] { JobEvents.Approved, JobEvents.Rejected, JobEvents.Expired })
        {
            var decisions = events.Where(e => e.Action == action).ToList();
            Assert.NotEmpty(decisions);
            Assert.All(decisions, d => Assert.Contains(events, r => r.Action == JobEvents.ApprovalRequested && r.CorrelationId == d.CorrelationId && r.Sequence < d.Sequence));
        }
        Assert.All(events.Where(e => e.Action == JobEvents.Expired), e => Assert.Equal(Actor.System.Id, e.ActorId));
    }

    [Fact]
    public void Bulk_jobs_carry_one_correlation_id_from_submission_to_each_change()
    {
        var jobs = events.Where(e => e.Action == JobEvents.Submitted).ToList();

        Assert.True(jobs.Count >= 3, $"{jobs.Count} bulk jobs");
        Assert.All(jobs, job => Assert.True(events.Count(e => e.CorrelationId == job.CorrelationId && e.Action.StartsWith("access.", StringComparison.Ordinal)) >= 5));
    }

    [Fact]
    public void Legal_exported_the_log_and_each_export_is_recorded()
    {
        var exports = events.Where(e => e.Action == AuditExportService.Action).ToList();

        Assert.True(exports.Count >= 5, $"{exports.Count} exports");
        Assert.Contains(exports, e => e.ActorRoles.Split(',').Contains(Roles.Legal));
    }
}
