using AccessConsole.Tests.Bulk;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Approvals;

/// <summary>A single change that a rule holds back: requested from the dialog's path, decided by another person, audited throughout.</summary>
public sealed class SingleChangeApprovalTests : IAsyncLifetime
{
    private BulkTestApp app = null!;
    private SubjectRef lab;

    public async ValueTask InitializeAsync()
    {
        app = await StartAsync();
        lab = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(DemoCatalog.RivalLab));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Revoking_an_Enterprise_organization_becomes_a_request_and_changes_nothing()
    {
        var version = (await app.SubjectAsync(lab)).Entity.AccessVersion;

        var gated = await app.GateFor(Alex).SubmitAsync(await RevokeLabAsync());

        Assert.True(gated.SentForApproval);
        Assert.Equal((ApprovalState.Pending, "revoking an Enterprise organization (Northwind AI Labs)"), (gated.Request!.State, gated.Request.Rules));
        Assert.Equal(app.Clock.UtcNow.AddHours(72), gated.Request.ExpiresAt);
        Assert.Equal((AccessValue.Active, version), ((await app.SubjectAsync(lab)).Entity.Access, (await app.SubjectAsync(lab)).Entity.AccessVersion));
        var requested = Assert.Single(await app.EventsAsync(gated.Request.JobId));
        Assert.Equal((JobEvents.ApprovalRequested, Alex.Id, lab.Id, StandardReasonCodes.CompetingProduct, (string?)null),
            (requested.Action, requested.ActorId, requested.OrganizationId, requested.ReasonCode, requested.AccessAfter));
    }

    [Fact]
    public async Task The_access_service_itself_refuses_a_change_that_needs_approval()
    {
        var result = await app.ChangesFor(Ada).ChangeAsync(await RevokeLabAsync());

        Assert.Contains("needs a second person's approval", result.Errors[ChangeFields.Subject]);
        Assert.Equal(AccessValue.Active, (await app.SubjectAsync(lab)).Entity.Access);
    }

    [Theory]
    [InlineData("Blair Manager")]
    [InlineData("Ada Admin")]
    public async Task Another_account_manager_or_admin_approves_and_the_change_carries_the_approver(string approverName)
    {
        var approver = approverName == Blair.Name ? Blair : Ada;
        var request = await RequestRevokeAsync();

        var decision = await app.ApprovalsFor(approver).ApproveAsync(request.Id, "Checked with legal: the terms clause applies.");

        Assert.Equal("Approved and applied: Northwind AI Labs changed.", decision.Outcome);
        Assert.Equal(AccessState.Revoked, (await app.SubjectAsync(lab)).Entity.AccessState);
        var events = await app.EventsAsync(request.JobId);
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Approved, "access.revoke"], events.Select(e => e.Action));
        Assert.Equal([Alex.Id, approver.Id, Alex.Id], events.Select(e => e.ActorId));
        Assert.Equal([null, approver.Id, approver.Id], events.Select(e => e.ApproverId));
        Assert.Equal("Checked with legal: the terms clause applies.", events[1].Justification);
    }

    [Fact]
    public async Task The_requester_can_never_decide_their_own_request()
    {
        var request = await RequestRevokeAsync();

        var approve = await app.ApprovalsFor(Alex).ApproveAsync(request.Id, "Approving my own request.");
        var asAdmin = await app.ApprovalsFor(Alex with { Roles = [Roles.Admin] }).ApproveAsync(request.Id, "Now as admin.");
        var reject = await app.ApprovalsFor(Alex).RejectAsync(request.Id, "Withdrawn.");

        Assert.All(new[] { approve, asAdmin, reject }, d => Assert.Equal("You asked for this change: another account manager or admin must decide it.", d.Errors[DecisionFields.Request]));
        Assert.Equal(AccessValue.Active, (await app.SubjectAsync(lab)).Entity.Access);
        Assert.Equal([JobEvents.ApprovalRequested], (await app.EventsAsync(request.JobId)).Select(e => e.Action));
        Assert.Equal(JobState.AwaitingApproval, (await app.JobAsync(request.JobId)).State);
    }

    [Fact]
    public async Task A_rejected_request_changes_nothing_and_cannot_be_approved_later()
    {
        var request = await RequestRevokeAsync();

        var decision = await app.ApprovalsFor(Blair).RejectAsync(request.Id, "Not enough evidence yet.");
        var later = await app.ApprovalsFor(Ada).ApproveAsync(request.Id, "Approving after all.");

        Assert.Equal("Rejected: nothing was changed.", decision.Outcome);
        Assert.Equal("This request is rejected already (by Blair Manager).", later.Errors[DecisionFields.Request]);
        Assert.False(await app.Runner.RunAsync(request.JobId));
        Assert.Equal(AccessValue.Active, (await app.SubjectAsync(lab)).Entity.Access);
        Assert.Equal(JobState.Rejected, (await app.JobAsync(request.JobId)).State);
        var events = await app.EventsAsync(request.JobId);
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Rejected], events.Select(e => e.Action));
        Assert.Equal((Blair.Id, (string?)null, "Not enough evidence yet."), (events[1].ActorId, events[1].ApproverId, events[1].Justification));
    }

    [Fact]
    public async Task An_expired_request_does_nothing_even_when_approved_late()
    {
        var request = await RequestRevokeAsync();
        app.Clock.Advance(TimeSpan.FromHours(72));

        var decision = await app.ApprovalsFor(Blair).ApproveAsync(request.Id, "Sorry, I was away.");

        Assert.Equal($"This request expired at {request.ExpiresAt:yyyy-MM-dd HH:mm} UTC; nothing was changed.", decision.Errors[DecisionFields.Request]);
        Assert.False(await app.Runner.RunAsync(request.JobId));
        Assert.Equal(AccessValue.Active, (await app.SubjectAsync(lab)).Entity.Access);
        Assert.Equal(JobState.Expired, (await app.JobAsync(request.JobId)).State);
        var events = await app.EventsAsync(request.JobId);
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Expired], events.Select(e => e.Action));
        Assert.Equal(Actor.System.Id, events[1].ActorId);
    }

    [Fact]
    public async Task Requests_nobody_decided_expire_by_themselves_after_72_hours_and_not_before()
    {
        // The demo's history holds requests decided long before; the test's becomes the newest decided.
        var decidedBefore = (await app.ApprovalsFor(Blair).ListAsync(ApprovalTab.Decided, 0, 10)).TotalCount;
        var request = await RequestRevokeAsync();

        app.Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await app.Expiry.ExpireDueAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await app.Expiry.ExpireDueAsync());

        var decided = await app.ApprovalsFor(Blair).ListAsync(ApprovalTab.Decided, 0, 10);
        Assert.Equal(decidedBefore + 1, decided.TotalCount);
        Assert.Equal((request.Id, ApprovalState.Expired), (decided.Rows[0].Id, decided.Rows[0].State));
        Assert.Empty((await app.ApprovalsFor(Blair).ListAsync(ApprovalTab.Pending, 0, 10)).Rows);
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Expired], (await app.EventsAsync(request.JobId)).Select(e => e.Action));
    }

    [Fact]
    public async Task An_approved_change_whose_subject_changed_meanwhile_is_not_applied_and_says_why()
    {
        var request = await RequestRevokeAsync();
        await app.ChangeAsync(Alex, lab, Terms(ChangeKind.Restrict, restriction: new Restriction { Purposes = [KeyPurpose.Benchmarking] }));

        var decision = await app.ApprovalsFor(Blair).ApproveAsync(request.Id, "Approved as asked.");

        Assert.StartsWith("Approved, but not applied: Northwind AI Labs was changed by Alex Manager", decision.Outcome);
        Assert.Equal(AccessState.Restricted, (await app.SubjectAsync(lab)).Entity.AccessState);
    }

    [Fact]
    public async Task A_decision_needs_a_comment_and_support_may_not_decide()
    {
        var request = await RequestRevokeAsync();

        var noComment = await app.ApprovalsFor(Blair).ApproveAsync(request.Id, "  ");

        Assert.Equal("Write a comment for the record.", noComment.Errors[DecisionFields.Comment]);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.ApprovalsFor(Sam).ApproveAsync(request.Id, "Looks fine to me."));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.ApprovalsFor(Sam).ListAsync(ApprovalTab.Pending, 0, 10));
        Assert.Equal(JobState.AwaitingApproval, (await app.JobAsync(request.JobId)).State);
    }

    [Fact]
    public async Task Restoring_an_organization_revoked_under_a_terms_reason_waits_for_approval_and_under_another_reason_not()
    {
        var quantaform = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync("Quantaform Research"));
        var meridian = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(DemoCatalog.DisputedOrganization));
        await app.ChangeAsync(Alex, quantaform, Terms(ChangeKind.Revoke));

        var terms = await app.GateFor(Alex).SubmitAsync(await RestoreAsync(quantaform));
        var nonPayment = await app.GateFor(Alex).SubmitAsync(await RestoreAsync(meridian));

        Assert.Equal("restoring an organization revoked under a terms reason (Quantaform Research)", terms.Request!.Rules);
        Assert.Equal(AccessState.Revoked, (await app.SubjectAsync(quantaform)).Entity.AccessState);
        Assert.False(nonPayment.SentForApproval);
        Assert.True(nonPayment.Result.Succeeded);
        Assert.Equal(AccessState.Restricted, (await app.SubjectAsync(meridian)).Entity.AccessState);
    }

    [Fact]
    public async Task A_request_is_refused_for_the_reasons_a_change_would_be_and_nothing_is_saved()
    {
        var head = await app.AuditHeadAsync();
        var stale = await RevokeLabAsync() with { ExpectedVersion = 99 };

        var refused = await app.GateFor(Alex).SubmitAsync(stale);
        var noReason = await app.GateFor(Alex).SubmitAsync(await RevokeLabAsync() with { ReasonCode = null });

        Assert.Contains("since you opened it", refused.Result.Errors[ChangeFields.Version]);
        Assert.Equal("Choose a reason.", noReason.Result.Errors[ChangeFields.Reason]);
        Assert.False(refused.SentForApproval || noReason.SentForApproval);
        Assert.Equal(head, await app.AuditHeadAsync());
    }

    private async Task<ApprovalRequest> RequestRevokeAsync()
    {
        var gated = await app.GateFor(Alex).SubmitAsync(await RevokeLabAsync());
        Assert.True(gated.SentForApproval, string.Join("; ", gated.Result.Errors.Values));
        return gated.Request!;
    }

    private async Task<AccessChangeRequest> RevokeLabAsync() =>
        Terms(ChangeKind.Revoke) with { Subject = lab, ExpectedVersion = (await app.SubjectAsync(lab)).Entity.AccessVersion, CorrelationId = null };

    private async Task<AccessChangeRequest> RestoreAsync(SubjectRef subject) =>
        Terms(ChangeKind.Restore, StandardReasonCodes.DisputeResolved) with { Subject = subject, ExpectedVersion = (await app.SubjectAsync(subject)).Entity.AccessVersion };
}
