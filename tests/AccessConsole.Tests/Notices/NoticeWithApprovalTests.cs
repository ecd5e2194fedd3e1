using System.Text.Json;
using AccessConsole.Tests.Bulk;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Notices;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Notices;

/// <summary>
/// A change that needs a second person's approval carries its notice: checked when it is requested, kept with the
/// request, and sent only once approved (with the change, or at approval when the change is scheduled), once.
/// </summary>
public sealed class NoticeWithApprovalTests : IAsyncLifetime
{
    private static readonly CustomerNotice Notice = new("Your API access, Northwind AI Labs", "Dear Northwind AI Labs,\r\nyour access to our API ends.\n");
    private const string Text = "Dear Northwind AI Labs,\nyour access to our API ends.";
    private const string Comment = "Checked with legal: the terms clause applies.";
    private BulkTestApp app = null!;
    private SubjectRef lab;

    public async ValueTask InitializeAsync()
    {
        app = await StartAsync();
        lab = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(DemoCatalog.RivalLab));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_request_keeps_its_notice_sends_nothing_and_shows_the_approver_its_text()
    {
        var gated = await RequestAsync();

        Assert.Empty(await OutboxAsync());
        var requested = Assert.Single(await app.EventsAsync(gated.Request!.JobId));
        var definition = JsonDocument.Parse(requested.Details!).RootElement.GetProperty("definition").GetProperty("notice");
        Assert.Equal((Notice.Subject, Text, false),
            (definition.GetProperty("subject").GetString(), definition.GetProperty("text").GetString(), definition.GetProperty("perOrganization").GetBoolean()));
        Assert.Equal(new CustomerNotice(Notice.Subject, Text), (await app.JobsFor(Blair).GetAsync(gated.Request.JobId))!.Notice);
    }

    [Fact]
    public async Task A_request_whose_organization_has_no_notice_contacts_is_refused_at_the_notice_and_nothing_is_written()
    {
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            await db.NoticeContacts.Where(c => c.OrganizationId == lab.Id).ExecuteDeleteAsync();
        }
        var head = await app.AuditHeadAsync();

        var gated = await app.GateFor(Alex).SubmitAsync(await RevokeLabAsync());

        Assert.Equal(new Dictionary<string, string> { [NoticeOutbox.Field] = "This organization has no notice contacts, so no notice can be sent." }, gated.Result.Errors);
        Assert.Null(gated.Request);
        Assert.Equal(head, await app.AuditHeadAsync());
    }

    [Fact]
    public async Task Approved_the_change_applies_with_its_notice_and_the_hash_in_its_event_matches_the_text_received()
    {
        var gated = await RequestAsync();

        var decision = await app.ApprovalsFor(Blair).ApproveAsync(gated.Request!.Id, Comment);

        Assert.Equal("Approved and applied: Northwind AI Labs changed.", decision.Outcome);
        Assert.Equal(AccessState.Revoked, (await app.SubjectAsync(lab)).Entity.AccessState);
        var events = await app.EventsAsync(gated.Request.JobId);
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Approved, "access.revoke"], events.Select(e => e.Action));
        Assert.False(HasNotice(events[1]));
        var recorded = JsonDocument.Parse(events[2].Details!).RootElement.GetProperty("notice");
        var message = Assert.Single(await OutboxAsync());
        Assert.Equal((events[2].Sequence, Text, Notice.Subject), (message.AuditSequence, message.Body, message.Subject));
        Assert.Equal((Text, NoticeText.Sha256(message.Body)), (recorded.GetProperty("text").GetString(), recorded.GetProperty("sha256").GetString()));

        await using var smtp = await TestSmtpServer.StartAsync();
        Assert.Equal(1, await DeliverAsync(smtp));
        var mail = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(["api-notices@northwind-ai.example"], mail.To);
        Assert.Equal(Notice.Subject, mail.Message.Subject);
        Assert.Equal(recorded.GetProperty("sha256").GetString(), NoticeText.Sha256(NoticeText.Canonical(mail.Message.TextBody!)));
    }

    [Fact]
    public async Task Rejected_or_expired_a_request_sends_nothing()
    {
        var rejected = await RequestAsync();
        var decision = await app.ApprovalsFor(Blair).RejectAsync(rejected.Request!.Id, "Not before we have spoken to them.");
        var expiring = await RequestAsync(app.Clock.UtcNow.AddDays(5));
        app.Clock.Advance(TimeSpan.FromHours(73));
        var expired = await app.Expiry.ExpireDueAsync();
        var late = await app.ApprovalsFor(Blair).ApproveAsync(expiring.Request!.Id, Comment);

        Assert.Equal("Rejected: nothing was changed.", decision.Outcome);
        Assert.Equal(1, expired);
        Assert.False(late.Succeeded);
        Assert.Empty(await OutboxAsync());
        Assert.Equal(AccessState.Active, (await app.SubjectAsync(lab)).Entity.AccessState);
        var events = (await app.EventsAsync(rejected.Request.JobId)).Concat(await app.EventsAsync(expiring.Request.JobId)).ToList();
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Rejected, JobEvents.ApprovalRequested, JobEvents.Expired], events.Select(e => e.Action));
        Assert.DoesNotContain(events, HasNotice);
    }

    [Fact]
    public async Task Approved_a_scheduled_change_sends_its_notice_at_approval_and_none_again_when_it_applies_at_its_time()
    {
        var takesEffect = app.Clock.UtcNow.AddDays(3);
        var gated = await RequestAsync(takesEffect);
        Assert.Empty(await OutboxAsync());

        var decision = await app.ApprovalsFor(Blair).ApproveAsync(gated.Request!.Id, Comment);

        Assert.Equal($"Approved: the change takes effect at {takesEffect:yyyy-MM-dd HH:mm} UTC, as scheduled. Its notice to the customer was sent now.", decision.Outcome);
        Assert.Equal(AccessState.Active, (await app.SubjectAsync(lab)).Entity.AccessState);
        var approved = (await app.EventsAsync(gated.Request.JobId))[^1];
        Assert.Equal((JobEvents.Approved, Blair.Id), (approved.Action, approved.ActorId));
        var recorded = JsonDocument.Parse(approved.Details!).RootElement.GetProperty("notice");
        var message = Assert.Single(await OutboxAsync());
        Assert.Equal((approved.Sequence, Text, message.BodySha256),
            (message.AuditSequence, recorded.GetProperty("text").GetString(), recorded.GetProperty("sha256").GetString()));

        app.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Contains(gated.Request.JobId, await RunDueAsync());

        Assert.Equal(AccessState.Revoked, (await app.SubjectAsync(lab)).Entity.AccessState);
        var applied = (await app.EventsAsync(gated.Request.JobId))[^1];
        Assert.Equal(("access.revoke", Actor.System.Id, Blair.Id), (applied.Action, applied.ActorId, applied.ApproverId));
        Assert.False(HasNotice(applied));
        Assert.Equal(message.Id, Assert.Single(await OutboxAsync()).Id);
    }

    [Fact]
    public async Task Approved_after_its_time_passed_the_notice_goes_out_at_approval_and_the_change_at_once_without_a_second_notice()
    {
        var gated = await RequestAsync(app.Clock.UtcNow.AddHours(1));
        app.Clock.Advance(TimeSpan.FromHours(2));

        var decision = await app.ApprovalsFor(Blair).ApproveAsync(gated.Request!.Id, Comment);

        Assert.StartsWith("Approved and applied: Northwind AI Labs changed.", decision.Outcome);
        var events = await app.EventsAsync(gated.Request.JobId);
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Approved, "access.revoke"], events.Select(e => e.Action));
        Assert.Equal([false, true, false], events.Select(HasNotice));
        Assert.Equal(events[1].Sequence, Assert.Single(await OutboxAsync()).AuditSequence);
    }

    private async Task<AccessChangeRequest> RevokeLabAsync() =>
        ChangeRequests.Revoke(lab, (await app.SubjectAsync(lab)).Entity.AccessVersion) with { Notice = Notice };

    private async Task<GatedChange> RequestAsync(DateTime? takesEffect = null)
    {
        var gated = await app.GateFor(Alex).SubmitAsync(await RevokeLabAsync(), takesEffect);
        Assert.True(gated.SentForApproval, string.Join("; ", gated.Result.Errors.Values));
        return gated;
    }

    /// <summary>What the app's workers do at a moment: release what is due (the demo's own scheduled change too, in time), then run it.</summary>
    private async Task<IReadOnlyList<Guid>> RunDueAsync()
    {
        var (released, _) = await ScheduledChangeWorker.ReleaseDueAsync(app.Contexts, app.Clock.UtcNow, CancellationToken.None);
        foreach (var id in released) await app.Runner.RunAsync(id);
        return released;
    }

    private static bool HasNotice(AuditEvent e) => e.Details is { } details && JsonDocument.Parse(details).RootElement.TryGetProperty("notice", out _);

    private async Task<int> DeliverAsync(TestSmtpServer smtp)
    {
        // Due now by the sender's clock (the notice was written by the test's).
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            await db.NoticeOutbox.ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        }
        var sender = new NoticeSender(app.Contexts, new SmtpNoticeTransport(smtp.Settings), new NoticeSettings(), TimeProvider.System, NullLogger<NoticeSender>.Instance);
        return await sender.DeliverDueAsync(default);
    }

    private async Task<List<NoticeOutboxMessage>> OutboxAsync()
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return await db.NoticeOutbox.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync();
    }
}
