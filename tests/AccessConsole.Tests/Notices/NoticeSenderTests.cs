using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Notices;
using AccessConsole.Web.Organizations.Timeline;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace AccessConsole.Tests.Notices;

/// <summary>
/// The sender without a mail server: notices written as .eml files (the development default); a transport that fails
/// gets retries with growing waits, the same Message-ID each time, the change untouched, and the timeline tells it all.
/// </summary>
public sealed class NoticeSenderTests() : ConsoleComponentTests("Priya Raman", Roles.AccountManager)
{
    private static readonly CustomerNotice Notice = new("Capacity change for Slipstream Tools", "Dear Slipstream Tools,\nyour capacity is capped at 600 requests a minute.");
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private readonly NoticeSettings settings = new() { RetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(2) };

    [Fact]
    public async Task With_no_mail_server_a_notice_is_written_as_an_eml_file_named_after_its_Message_ID()
    {
        var change = await RestrictWithNoticeAsync();
        var folder = App.Demo.Factory.Services.GetRequiredService<INoticeTransport>() is PickupFolderTransport pickup ? pickup.Folder : null;
        Assert.Equal(App.Demo.Factory.NoticeFolder, folder);

        Assert.Equal(1, await Sender(App.Demo.Factory.Services.GetRequiredService<INoticeTransport>()).DeliverDueAsync(default));

        var sent = await OutboxAsync();
        var file = Assert.Single(Directory.GetFiles(folder!, "*.eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal((sent.MessageId, Notice.Subject, "api-notices@slipstream.example"), (message.MessageId, message.Subject, message.To.Mailboxes.Single().Address));
        Assert.Equal(sent.Body, NoticeText.Canonical(message.TextBody!));
        Assert.Equal(sent.BodySha256, NoticeText.Sha256(NoticeText.Canonical(message.TextBody!)));
        Assert.Equal((1, clock.GetUtcNow().UtcDateTime, (string?)null), (sent.Attempts, sent.DeliveredAt, sent.LastError));
        Assert.Contains($"Notice to api-notices@slipstream.example “{Notice.Subject}”: delivered", Timeline(change).Shown());
        Assert.Equal(0, await Sender(new FailingTransport(0)).DeliverDueAsync(default));
    }

    [Fact]
    public async Task A_failing_transport_gets_retries_with_growing_waits_the_same_Message_ID_and_loses_nothing()
    {
        var change = await RestrictWithNoticeAsync();
        var access = (await App.Demo.ReadAsync(change)).Access;
        var transport = new FailingTransport(failures: 3);
        var sender = Sender(transport);

        Assert.Equal(0, await sender.DeliverDueAsync(default));
        var failed = await OutboxAsync();
        Assert.Equal((1, (DateTime?)null), (failed.Attempts, failed.DeliveredAt));
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddSeconds(30), failed.NextAttemptAt);
        Assert.Contains("IOException: connection dropped", failed.LastError);
        Assert.Contains("not delivered yet: attempt 1 failed at", Timeline(change).Shown());

        Assert.Equal(0, await sender.DeliverDueAsync(default)); // not due yet
        Assert.Single(transport.Attempts);
        foreach (var wait in new[] { 30, 60, 120 })
        {
            clock.Advance(TimeSpan.FromSeconds(wait));
            await sender.DeliverDueAsync(default);
        }

        var delivered = await OutboxAsync();
        Assert.Equal(4, delivered.Attempts);
        Assert.NotNull(delivered.DeliveredAt);
        Assert.Equal(Enumerable.Repeat(delivered.MessageId, 4), transport.Attempts);
        Assert.Equal(access, (await App.Demo.ReadAsync(change)).Access);
        Assert.Contains("delivered", Timeline(change).Shown());
        Assert.Contains("on attempt 4 (3 failed before)", Timeline(change).Shown());
    }

    [Fact]
    public void The_wait_doubles_after_each_failure_up_to_the_most_allowed()
    {
        Assert.Equal([30, 60, 120, 120, 120], new[] { 1, 2, 3, 4, 40 }.Select(n => settings.Backoff(n).TotalSeconds));
    }

    private NoticeSender Sender(INoticeTransport transport) => new(App.Demo.Contexts, transport, settings, clock, NullLogger<NoticeSender>.Instance);

    private async Task<AccessConsole.Web.Access.Changes.SubjectRef> RestrictWithNoticeAsync()
    {
        var slipstream = await App.Demo.OrganizationAsync(DemoCatalog.AcquiredVendor);
        var result = await App.Demo.ChangesBy("Priya Raman").ChangeAsync(
            ChangeRequests.Restrict(slipstream, await App.Demo.VersionAsync(slipstream), new Restriction { RequestsPerMinute = 600 }) with { Notice = Notice });
        Assert.True(result.Succeeded);
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        // Written by the test's clock's now, so that the sender's own clock decides when it is due.
        await db.NoticeOutbox.ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, clock.GetUtcNow().UtcDateTime));
        return slipstream;
    }

    private IRenderedComponent<TimelineView> Timeline(AccessConsole.Web.Access.Changes.SubjectRef organization) =>
        App.Render<TimelineView>(p => p.Add(t => t.OrganizationId, organization.Id));

    private async Task<NoticeOutboxMessage> OutboxAsync()
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        return await db.NoticeOutbox.AsNoTracking().SingleAsync();
    }

    private sealed class FailingTransport(int failures) : INoticeTransport
    {
        public List<string> Attempts { get; } = [];

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Attempts.Add(message.MessageId ?? "");
            return Attempts.Count <= failures ? Task.FromException(new IOException("connection dropped")) : Task.CompletedTask;
        }
    }
}
