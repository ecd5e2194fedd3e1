using System.Text.Json;
using AccessConsole.Tests.Bulk;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.Notices;
using AccessConsole.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Notices;

/// <summary>A bulk change with notice sends one notice per organization it reaches, rendered for each and recorded in that organization's change.</summary>
public sealed class BulkNoticeTests : IAsyncLifetime
{
    private static readonly Segment IdeVendors = new() { Tag = "ide-vendor" };
    private static readonly AccessConsole.Web.Access.Restriction Capped = new() { RequestsPerMinute = 60 };
    private static readonly CustomerNotice Wording = new("Your integrations: {organization}", "Dear {organization},\n{change}, {takes-effect}.\nContact {contact}.", PerOrganization: true);
    private BulkTestApp app = null!;

    public async ValueTask InitializeAsync() => app = await StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Each_organization_gets_one_notice_rendered_for_it_and_it_arrives_once_at_the_SMTP_server()
    {
        var jobId = await app.SubmitQueuedAsync(Alex, IdeVendors, Terms(ChangeKind.Restrict, AccessConsole.Web.ReasonCodes.StandardReasonCodes.Capacity, Capped) with { Notice = Wording });
        Assert.True(await app.Runner.RunAsync(jobId));

        var changes = (await app.EventsAsync(jobId)).Where(e => e.Action == "access.restrict").ToList();
        var organizations = changes.Select(e => e.OrganizationName!).Distinct().Order().ToList();
        Assert.Equal(["Glide Software", "Slipstream Tools"], organizations);
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            var outbox = await db.NoticeOutbox.AsNoTracking().ToListAsync();
            Assert.Equal(organizations.Count, outbox.Count);
            var noticed = changes.Where(e => e.Details?.Contains("\"notice\"") == true).ToList();
            Assert.Equal(organizations, noticed.Select(e => e.OrganizationName!).Order());
            foreach (var change in noticed)
            {
                var message = outbox.Single(m => m.AuditSequence == change.Sequence);
                Assert.Equal($"Your integrations: {change.OrganizationName}", message.Subject);
                Assert.Equal($"Dear {change.OrganizationName},\nRestricted: 60 requests/min, immediately.\nContact Priya Raman.", message.Body);
                Assert.Equal(message.BodySha256, JsonDocument.Parse(change.Details!).RootElement.GetProperty("notice").GetProperty("sha256").GetString());
            }
        }

        await using var smtp = await TestSmtpServer.StartAsync();
        var sender = new NoticeSender(app.Contexts, new SmtpNoticeTransport(smtp.Settings), new NoticeSettings(), TimeProvider.System, NullLogger<NoticeSender>.Instance);
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            await db.NoticeOutbox.ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        }
        Assert.Equal(organizations.Count, await sender.DeliverDueAsync(default));
        var received = await smtp.WaitForAsync(organizations.Count, TimeSpan.FromSeconds(10));
        Assert.Equal(organizations, received.Select(r => r.Message.Subject!["Your integrations: ".Length..]).Order());
        Assert.All(received, r => Assert.EndsWith(".example", Assert.Single(r.To)));
    }

    [Fact]
    public async Task An_organization_without_notice_contacts_is_still_changed_and_its_event_says_why_no_notice_was_sent()
    {
        var jobId = await app.SubmitQueuedAsync(Alex, new Segment { Tag = "reseller" },
            Terms(ChangeKind.Restrict, AccessConsole.Web.ReasonCodes.StandardReasonCodes.Resale, Capped) with { Notice = Wording });
        Assert.True(await app.Runner.RunAsync(jobId));

        var changes = (await app.EventsAsync(jobId)).Where(e => e.Action == "access.restrict").ToList();
        var notSent = changes.Where(e => e.Details?.Contains("notSent") == true).ToList();
        Assert.NotEmpty(notSent);
        Assert.All(notSent, e => Assert.Equal("This organization has no notice contacts, so no notice can be sent.",
            JsonDocument.Parse(e.Details!).RootElement.GetProperty("notice").GetProperty("notSent").GetString()));
        await using var db = await app.Contexts.CreateDbContextAsync();
        var outbox = await db.NoticeOutbox.AsNoTracking().ToListAsync();
        Assert.Equal(["Ledgerline Resale"], changes.Where(e => outbox.Any(m => m.AuditSequence == e.Sequence)).Select(e => e.OrganizationName));
        Assert.Equal(changes.Count, (await app.JobAsync(jobId)).Changed);
    }

    [Fact]
    public async Task A_scheduled_bulk_change_notices_each_organization_when_scheduled_each_in_its_own_event_and_none_more_when_it_runs()
    {
        var uncontacted = await UncontactedOrganizationAsync();
        var segment = new Segment { Organizations = [DemoCatalog.AcquiredVendor, DemoCatalog.HarnessUser, uncontacted] };
        var takesEffect = app.Clock.UtcNow.AddDays(7);

        var result = await ScheduleAsync(segment, takesEffect);

        Assert.False(result.SentForApproval);
        var jobId = result.JobId!.Value;
        var events = await app.EventsAsync(jobId);
        Assert.Equal(JobEvents.Scheduled, events[0].Action);
        var sends = events.Skip(1).ToList();
        Assert.Equal(new[] { DemoCatalog.AcquiredVendor, DemoCatalog.HarnessUser, uncontacted }.Order(), sends.Select(e => e.OrganizationName!).Order());
        Assert.All(sends, e => Assert.Equal((AdvanceNotices.SendAction, "Organization", e.OrganizationId?.ToString("D"), jobId, Alex.Id, events[0].Sequence),
            (e.Action, e.SubjectKind, e.SubjectId, e.CorrelationId!.Value, e.ActorId, Details(e).GetProperty("announces").GetInt64())));
        var outbox = await OutboxAsync();
        Assert.Equal(2, outbox.Count);
        foreach (var message in outbox)
        {
            var sent = sends.Single(e => e.Sequence == message.AuditSequence);
            Assert.Equal((sent.OrganizationId, $"Your integrations: {sent.OrganizationName}"), (message.OrganizationId, message.Subject));
            Assert.Equal($"Dear {sent.OrganizationName},\nRestricted: 60 requests/min, {takesEffect:yyyy-MM-dd HH:mm} UTC.\nContact Priya Raman.", message.Body);
            Assert.Equal(message.BodySha256, Details(sent).GetProperty("notice").GetProperty("sha256").GetString());
        }
        var notSent = sends.Single(e => e.OrganizationName == uncontacted);
        Assert.Equal("This organization has no notice contacts, so no notice can be sent.", Details(notSent).GetProperty("notice").GetProperty("notSent").GetString());

        await using (var smtp = await TestSmtpServer.StartAsync())
        {
            Assert.Equal(2, await DeliverAsync(smtp));
            var received = await smtp.WaitForAsync(2, TimeSpan.FromSeconds(10));
            Assert.Equal(new[] { DemoCatalog.AcquiredVendor, DemoCatalog.HarnessUser }.Order(), received.Select(r => r.Message.Subject!["Your integrations: ".Length..]).Order());
        }

        app.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Contains(jobId, await RunDueAsync());

        Assert.Equal(3, (await app.JobAsync(jobId)).Changed);
        Assert.Equal(outbox.Select(m => m.Id).Order(), (await OutboxAsync()).Select(m => m.Id).Order());
        var changes = (await app.EventsAsync(jobId)).Where(e => e.Action == "access.restrict").ToList();
        Assert.Equal(3, changes.Count);
        Assert.All(changes.Where(e => e.OrganizationName != uncontacted), e => Assert.False(Details(e).TryGetProperty("notice", out _)));
    }

    [Fact]
    public async Task A_bulk_change_approved_to_take_effect_later_sends_its_notices_at_approval_not_when_requested()
    {
        var segment = new Segment { Organizations = [DemoCatalog.AcquiredVendor, DemoCatalog.HarnessUser] };
        var result = await ScheduleAsync(segment, app.Clock.UtcNow.AddDays(2), askForApproval: true);
        Assert.True(result.SentForApproval);
        Assert.Empty(await OutboxAsync());
        Guid requestId;
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            requestId = await db.ApprovalRequests.Where(r => r.JobId == result.JobId).Select(r => r.Id).SingleAsync();
        }

        var decision = await app.ApprovalsFor(Blair).ApproveAsync(requestId, "Checked with the capacity team.");

        Assert.EndsWith("as scheduled. Its notices were sent now to 2 organizations.", decision.Outcome);
        var events = await app.EventsAsync(result.JobId!.Value);
        var approved = events.Single(e => e.Action == JobEvents.Approved);
        var sends = events.Where(e => e.Action == AdvanceNotices.SendAction).ToList();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, e => Assert.Equal((Blair.Id, approved.Sequence), (e.ActorId, Details(e).GetProperty("announces").GetInt64())));
        Assert.Equal(sends.Select(e => e.Sequence).Order(), (await OutboxAsync()).Select(m => m.AuditSequence).Order());

        app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Contains(result.JobId.Value, await RunDueAsync());

        Assert.Equal(2, (await app.JobAsync(result.JobId.Value)).Changed);
        Assert.Equal(2, (await OutboxAsync()).Count);
    }

    private async Task<AccessConsole.Web.Bulk.BulkSubmitResult> ScheduleAsync(Segment segment, DateTime takesEffect, bool askForApproval = false)
    {
        var service = app.BulkFor(Alex);
        var preview = await service.PreviewAsync(segment, 0, 10);
        var terms = Terms(ChangeKind.Restrict, AccessConsole.Web.ReasonCodes.StandardReasonCodes.Capacity, Capped) with { Notice = Wording };
        var result = await service.SubmitAsync(new AccessConsole.Web.Bulk.BulkSubmission(segment, terms, preview.Impact!.Subjects, askForApproval, takesEffect));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result;
    }

    /// <summary>What the app's workers do at a moment: release what is due (the demo's own scheduled change too, in time), then run it.</summary>
    private async Task<IReadOnlyList<Guid>> RunDueAsync()
    {
        var (released, _) = await ScheduledChangeWorker.ReleaseDueAsync(app.Contexts, app.Clock.UtcNow, CancellationToken.None);
        foreach (var id in released) await app.Runner.RunAsync(id);
        return released;
    }

    private async Task<int> DeliverAsync(TestSmtpServer smtp)
    {
        // Due now by the sender's clock (the notices were written by the test's).
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            await db.NoticeOutbox.ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        }
        var sender = new NoticeSender(app.Contexts, new SmtpNoticeTransport(smtp.Settings), new NoticeSettings(), TimeProvider.System, NullLogger<NoticeSender>.Instance);
        return await sender.DeliverDueAsync(default);
    }

    private static JsonElement Details(AccessConsole.Web.Audit.AuditEvent e) => JsonDocument.Parse(e.Details!).RootElement;

    private async Task<string> UncontactedOrganizationAsync()
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return await db.Organizations.Where(o => o.Tier == AccessConsole.Web.Organizations.Tier.Build && !db.NoticeContacts.Any(c => c.OrganizationId == o.Id))
            .OrderBy(o => o.Name).Select(o => o.Name).FirstAsync();
    }

    private async Task<List<NoticeOutboxMessage>> OutboxAsync()
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return await db.NoticeOutbox.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task Wording_with_an_unknown_placeholder_is_refused_at_the_notice_and_no_job_is_made()
    {
        var result = await app.SubmitAsync(Alex, IdeVendors, Terms(ChangeKind.Restrict, AccessConsole.Web.ReasonCodes.StandardReasonCodes.Capacity, Capped) with { Notice = Wording with { Body = "Dear {customer}" } });

        Assert.Equal(new Dictionary<string, string> { [NoticeOutbox.Field] = NoticeOutbox.Unknown(["{customer}"]) }, result.Errors);
        Assert.Null(result.JobId);
    }
}
