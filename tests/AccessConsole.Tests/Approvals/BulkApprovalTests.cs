using AccessConsole.Tests.Bulk;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.ReasonCodes;
using Microsoft.Extensions.DependencyInjection;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Approvals;

/// <summary>
/// Bulk changes through approval, on an app configured to ask for it above 3 subjects (the rules come from the
/// <c>Approvals</c> section), with scenario 5 of the design: heavy users on basic tiers capped until a date.
/// </summary>
public sealed class BulkApprovalTests : IAsyncLifetime
{
    private static readonly Segment HeavyUsers = new() { Tiers = [Tier.Free, Tier.Build], Usage = new UsagePattern() };
    private static readonly Restriction Caps = new() { RequestsPerMinute = 50, TokensPerMinute = 40_000 };

    private BulkTestApp app = null!;

    public async ValueTask InitializeAsync() => app = await StartAsync(("Approvals:BulkSubjectsOver", "3"));

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Scenario_5_heavy_users_are_capped_until_a_date_after_approval_with_the_approver_on_every_event_and_lifted_on_that_date()
    {
        var until = app.Today.AddDays(30);
        var submitted = await app.SubmitAsync(Alex, HeavyUsers, Terms(ChangeKind.Restrict, StandardReasonCodes.Abuse, Caps, until));
        Assert.Equal(["a bulk change of 5 subjects (more than 3)"], submitted.ApprovalRules!);
        var jobId = submitted.JobId!.Value;
        Assert.False(await app.Runner.RunAsync(jobId));
        Assert.All(await HeavyUsersAccessAsync(), a => Assert.Equal(AccessValue.Active, a));

        var request = Assert.Single((await app.ApprovalsFor(Blair).ListAsync(ApprovalTab.Pending, 0, 10)).Rows);
        var decision = await app.ApprovalsFor(Blair).ApproveAsync(request.Id, "Round-the-clock agents on a basic plan: caps agreed with capacity.");
        Assert.Equal("Approved: the change of 5 subjects runs now.", decision.Outcome);
        Assert.True(await app.Runner.RunAsync(jobId));

        Assert.All(await HeavyUsersAccessAsync(), a => Assert.Equal(AccessValue.Restricted(Caps, until), a));
        var events = await app.EventsAsync(jobId);
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Approved, .. Enumerable.Repeat("access.restrict", 5)], events.Select(e => e.Action));
        Assert.All(events.Skip(1), e => Assert.Equal((Blair.Id, Blair.Name), (e.ApproverId, e.ApproverName)));
        Assert.All(events.Skip(2), e => Assert.Equal(Alex.Id, e.ActorId));

        app.Clock.UtcNow = until.AddMinutes(1);
        await app.Factory.Services.GetRequiredService<TimedLifts>().LiftDueAsync();
        Assert.All(await HeavyUsersAccessAsync(), a => Assert.Equal(AccessValue.Active, a));
    }

    [Fact]
    public async Task A_rejected_bulk_change_changes_nothing()
    {
        var submitted = await app.SubmitAsync(Alex, HeavyUsers, Terms(ChangeKind.Restrict, StandardReasonCodes.Abuse, Caps));

        await app.ApprovalsFor(Blair).RejectAsync((await RequestOfAsync(submitted.JobId!.Value)).Id, "Talk to the customers first.");

        Assert.False(await app.Runner.RunAsync(submitted.JobId!.Value));
        Assert.All(await HeavyUsersAccessAsync(), a => Assert.Equal(AccessValue.Active, a));
        Assert.All(await app.ItemsAsync(submitted.JobId!.Value), i => Assert.Equal(ItemOutcome.Pending, i.Outcome));
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Rejected], (await app.EventsAsync(submitted.JobId!.Value)).Select(e => e.Action));
    }

    [Fact]
    public async Task Undoing_an_approved_bulk_change_is_a_new_request_and_a_new_correlation_id()
    {
        var jobId = (await app.SubmitAsync(Alex, HeavyUsers, Terms(ChangeKind.Restrict, StandardReasonCodes.Abuse, Caps))).JobId!.Value;
        await app.ApprovalsFor(Blair).ApproveAsync((await RequestOfAsync(jobId)).Id, "Agreed.");
        await app.Runner.RunAsync(jobId);

        var undo = await app.JobsFor(Alex).UndoAsync(jobId, StandardReasonCodes.CustomerRequest, "Customers moved to the Scale tier.", null, null);
        Assert.True(undo.SentForApproval);
        await app.ApprovalsFor(Ada).ApproveAsync((await RequestOfAsync(undo.JobId!.Value)).Id, "Tier change confirmed.");
        await app.Runner.RunAsync(undo.JobId!.Value);

        Assert.All(await HeavyUsersAccessAsync(), a => Assert.Equal(AccessValue.Active, a));
        var restores = (await app.EventsAsync(undo.JobId!.Value)).Where(e => e.Action == "access.restore").ToList();
        Assert.Equal(5, restores.Count);
        Assert.All(restores, e => Assert.Equal((undo.JobId, Ada.Id), (e.CorrelationId, e.ApproverId)));
    }

    [Fact]
    public async Task A_person_may_ask_for_approval_when_no_rule_does()
    {
        var glide = await app.IntegrationIdAsync(DemoCatalog.BlockedIde);
        var segment = new Segment { Subjects = SegmentSubjects.OrganizationIntegrations, Tiers = [Tier.Enterprise], Tag = "competitor", IntegrationId = glide };

        var result = await app.SubmitAsync(Alex, segment, Terms(ChangeKind.Revoke), askForApproval: true);

        Assert.Equal([BulkChangeService.AskedForApproval], result.ApprovalRules!);
        Assert.Equal(JobState.AwaitingApproval, (await app.JobAsync(result.JobId!.Value)).State);
    }

    [Fact]
    public async Task The_tabs_show_what_waits_for_me_what_I_asked_and_what_was_decided()
    {
        // The demo's history holds requests decided long before; the test's two become the newest decided.
        var decidedBefore = (await app.ApprovalsFor(Alex).ListAsync(ApprovalTab.Decided, 0, 10)).TotalCount;
        var first = (await app.SubmitAsync(Alex, HeavyUsers, Terms(ChangeKind.Restrict, StandardReasonCodes.Abuse, Caps))).JobId!.Value;
        var second = (await app.SubmitAsync(Alex, HeavyUsers, Terms(ChangeKind.Restrict, StandardReasonCodes.Capacity, Caps))).JobId!.Value;

        var pendingForBlair = (await app.ApprovalsFor(Blair).ListAsync(ApprovalTab.Pending, 0, 10)).Rows;
        var pendingForAlex = (await app.ApprovalsFor(Alex).ListAsync(ApprovalTab.Pending, 0, 10)).Rows;
        Assert.Equal(2, pendingForBlair.Count(r => r.CanDecide));
        Assert.Equal(2, pendingForAlex.Count(r => r.IsMine && !r.CanDecide));
        Assert.Empty((await app.ApprovalsFor(Blair).ListAsync(ApprovalTab.Mine, 0, 10)).Rows);

        await app.ApprovalsFor(Blair).ApproveAsync((await RequestOfAsync(first)).Id, "Fine.");
        await app.ApprovalsFor(Blair).RejectAsync((await RequestOfAsync(second)).Id, "Duplicate.");

        Assert.Empty((await app.ApprovalsFor(Blair).ListAsync(ApprovalTab.Pending, 0, 10)).Rows);
        var decided = await app.ApprovalsFor(Alex).ListAsync(ApprovalTab.Decided, 0, 10);
        Assert.Equal(decidedBefore + 2, decided.TotalCount);
        Assert.Equal([(first, ApprovalState.Approved), (second, ApprovalState.Rejected)],
            decided.Rows.Take(2).OrderBy(r => r.JobId == second).Select(r => (r.JobId, r.State)));
        Assert.All((await app.ApprovalsFor(Alex).ListAsync(ApprovalTab.Mine, 0, 10)).Rows, r => Assert.Equal("Blair Manager", r.DecidedByName));
    }

    private async Task<ApprovalRow> RequestOfAsync(Guid jobId) =>
        (await app.ApprovalsFor(Blair).ListAsync(ApprovalTab.Pending, 0, 100)).Rows.Single(r => r.JobId == jobId);

    private async Task<List<AccessValue>> HeavyUsersAccessAsync()
    {
        var access = new List<AccessValue>();
        foreach (var heavy in DemoCatalog.HeavyUsers)
        {
            access.Add((await app.SubjectAsync(new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(heavy.Name)))).Entity.Access);
        }
        return access;
    }
}
