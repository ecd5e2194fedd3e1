using System.Text.Json;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Notices;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Notices;

/// <summary>
/// A notice is part of its change: its text and SHA-256 in the change's audit event and the message in the outbox,
/// written together, or, when the notice cannot be sent, neither the change nor the notice.
/// </summary>
public sealed class ChangeWithNoticeTests : IAsyncLifetime
{
    private static readonly CustomerNotice Notice = new("Capacity change for Slipstream Tools", "Dear Slipstream Tools,\r\nyour capacity is capped.\n");
    private DemoDatabase demo = null!;

    public async ValueTask InitializeAsync() => demo = await DemoDatabase.OpenAsync();

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task A_change_with_notice_records_its_text_and_hash_in_the_event_and_writes_it_to_the_outbox()
    {
        var slipstream = await demo.OrganizationAsync(DemoCatalog.AcquiredVendor);
        var request = ChangeRequests.Restrict(slipstream, await demo.VersionAsync(slipstream), new Restriction { RequestsPerMinute = 600 }) with { Notice = Notice };

        var result = await demo.ChangesBy("Priya Raman").ChangeAsync(request);

        Assert.True(result.Succeeded);
        var change = (await demo.EventsAboutAsync(slipstream))[^1];
        var recorded = JsonDocument.Parse(change.Details!).RootElement.GetProperty("notice");
        var message = Assert.Single(await OutboxAsync());
        Assert.Equal("Dear Slipstream Tools,\nyour capacity is capped.", recorded.GetProperty("text").GetString());
        Assert.Equal(NoticeText.Sha256("Dear Slipstream Tools,\nyour capacity is capped."), recorded.GetProperty("sha256").GetString());
        Assert.Equal((change.Sequence, "api-notices@slipstream.example", Notice.Subject, recorded.GetProperty("text").GetString(), recorded.GetProperty("sha256").GetString(), recorded.GetProperty("messageId").GetString()),
            (message.AuditSequence, message.Recipients, message.Subject, message.Body, message.BodySha256, message.MessageId));
        Assert.Equal(["api-notices@slipstream.example"], recorded.GetProperty("to").EnumerateArray().Select(e => e.GetString()));
        Assert.Null(message.DeliveredAt);
    }

    [Fact]
    public async Task A_change_without_notice_writes_none()
    {
        var slipstream = await demo.OrganizationAsync(DemoCatalog.AcquiredVendor);

        await demo.ChangesBy("Priya Raman").ChangeAsync(ChangeRequests.Revoke(slipstream, await demo.VersionAsync(slipstream)));

        Assert.Empty(await OutboxAsync());
        Assert.Null((await demo.EventsAboutAsync(slipstream))[^1].Details);
    }

    [Fact]
    public async Task An_organization_without_notice_contacts_gets_no_change_and_no_notice_and_says_why_at_the_notice()
    {
        var other = await UncontactedOrganizationAsync();
        var before = await demo.SnapshotAsync(other);
        var events = await demo.AuditCountAsync();

        var result = await demo.ChangesBy("Priya Raman").ChangeAsync(ChangeRequests.Revoke(other, await demo.VersionAsync(other)) with { Notice = Notice });

        Assert.Equal(new Dictionary<string, string> { [NoticeOutbox.Field] = "This organization has no notice contacts, so no notice can be sent." }, result.Errors);
        Assert.Equal(before, await demo.SnapshotAsync(other));
        Assert.Equal(events, await demo.AuditCountAsync());
        Assert.Empty(await OutboxAsync());
    }

    [Theory]
    [InlineData("", "text", NoticeOutbox.SubjectField, "Write the notice's subject line.")]
    [InlineData("Two\nlines", "text", NoticeOutbox.SubjectField, "Keep the subject to one line.")]
    [InlineData("Subject", "  ", NoticeOutbox.Field, "Write the notice, or untick Send notice to the customer.")]
    [InlineData("Subject", "Text\u202Egnp.exe", NoticeOutbox.Field, "Remove the invisible or direction-changing character U+202E: it would make the text read otherwise than it is.")]
    public async Task A_bad_notice_is_refused_at_its_field_and_nothing_is_written(string subject, string body, string field, string message)
    {
        var slipstream = await demo.OrganizationAsync(DemoCatalog.AcquiredVendor);
        var before = await demo.SnapshotAsync(slipstream);

        var result = await demo.ChangesBy("Priya Raman").ChangeAsync(
            ChangeRequests.Revoke(slipstream, await demo.VersionAsync(slipstream)) with { Notice = new CustomerNotice(subject, body) });

        Assert.Equal(new Dictionary<string, string> { [field] = message }, result.Errors);
        Assert.Equal(before, await demo.SnapshotAsync(slipstream));
        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task A_scheduled_change_sends_its_notice_now_recorded_in_the_event_that_schedules_it()
    {
        var slipstream = await demo.OrganizationAsync(DemoCatalog.AcquiredVendor);
        var access = (await demo.ReadAsync(slipstream)).Access;
        var at = DateTime.UtcNow.AddDays(7);

        var gated = await GateFor("Priya Raman", Roles.AccountManager).SubmitAsync(
            ChangeRequests.Restrict(slipstream, await demo.VersionAsync(slipstream), new Restriction { RequestsPerMinute = 600 }) with { Notice = Notice }, at);

        Assert.True(gated.Scheduled);
        Assert.Equal(access, (await demo.ReadAsync(slipstream)).Access);
        var scheduling = (await demo.AllEventsAsync())[^1];
        Assert.Equal((JobEvents.Scheduled, gated.Result.AuditSequence), (scheduling.Action, (long?)scheduling.Sequence));
        var recorded = JsonDocument.Parse(scheduling.Details!).RootElement;
        Assert.Equal(NoticeText.Sha256(NoticeText.Canonical(Notice.Body)), recorded.GetProperty("notice").GetProperty("sha256").GetString());
        Assert.True(recorded.TryGetProperty("takesEffect", out _));
        Assert.Equal(scheduling.Sequence, Assert.Single(await OutboxAsync()).AuditSequence);
    }

    private ApprovalGate GateFor(string name, params string[] roles)
    {
        var services = demo.Factory.Services;
        var actor = new TestActor(name, roles);
        var changes = new AccessChangeService(demo.Contexts, actor, demo.Clock, approvals: services.GetRequiredService<ApprovalRules>());
        return new ApprovalGate(demo.Contexts, actor, demo.Clock, changes, services.GetRequiredService<ApprovalRules>(), services.GetRequiredService<ApprovalNotifier>());
    }

    private async Task<SubjectRef> UncontactedOrganizationAsync()
    {
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var id = await db.Organizations.Where(o => o.Tier == AccessConsole.Web.Organizations.Tier.Build && !db.NoticeContacts.Any(c => c.OrganizationId == o.Id))
            .OrderBy(o => o.Name).Select(o => o.Id).FirstAsync();
        return new SubjectRef(SubjectKind.Organization, id);
    }

    private async Task<List<NoticeOutboxMessage>> OutboxAsync()
    {
        await using var db = await demo.Contexts.CreateDbContextAsync();
        return await db.NoticeOutbox.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync();
    }
}
