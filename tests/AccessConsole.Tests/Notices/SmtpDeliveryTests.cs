using System.Text.Json;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccessConsole.Tests.Notices;

/// <summary>
/// Notices delivered to a real SMTP server (npm's smtp-server) through MailKit: recipients, subject and body as
/// recorded; the audit event's hash matches the text received; a server that refuses or drops connections gets
/// retries and loses nothing.
/// </summary>
public sealed class SmtpDeliveryTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;

    public async ValueTask InitializeAsync() => demo = await DemoDatabase.OpenAsync();

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task The_received_message_has_the_notices_recipients_subject_and_body_and_the_audit_events_hash_matches_it()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var change = await ChangeWithNoticeAsync(DemoCatalog.AcquiredVendor, "Dear Slipstream Tools,\nfrom Monday your capacity is capped at 600 requests a minute.\n\nPriya Raman");

        Assert.Equal(1, await Sender(smtp).DeliverDueAsync(default));

        var mail = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        var recorded = JsonDocument.Parse(change.Details!).RootElement.GetProperty("notice");
        Assert.Equal(["api-notices@slipstream.example"], mail.To);
        Assert.Equal("api-notices@accessconsole.example", mail.From);
        Assert.Equal(["api-notices@slipstream.example"], mail.Message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Capacity change for Slipstream Tools", mail.Message.Subject);
        Assert.Equal(recorded.GetProperty("messageId").GetString(), mail.Message.MessageId);
        var received = NoticeText.Canonical(mail.Message.TextBody!);
        Assert.Equal("Dear Slipstream Tools,\nfrom Monday your capacity is capped at 600 requests a minute.\n\nPriya Raman", received);
        Assert.Equal(recorded.GetProperty("sha256").GetString(), NoticeText.Sha256(received));
        Assert.NotNull((await OutboxAsync()).Single().DeliveredAt);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(0, 3)]
    [InlineData(2, 2)]
    public async Task A_server_that_refuses_or_drops_connections_gets_retries_and_every_notice_arrives_with_its_Message_ID(int refuse, int drop)
    {
        await using var smtp = await TestSmtpServer.StartAsync(refuse, drop);
        await ChangeWithNoticeAsync(DemoCatalog.AcquiredVendor, "Dear Slipstream Tools,\nyour capacity is capped.");
        await ChangeWithNoticeAsync("Glide Software", "Dear Glide Software,\nyour capacity is capped.");
        var sender = Sender(smtp);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await OutboxAsync()).Any(m => m.DeliveredAt is null) && DateTime.UtcNow < deadline)
        {
            await sender.DeliverDueAsync(default);
            await Task.Delay(20);
        }

        var outbox = await OutboxAsync();
        Assert.All(outbox, m => Assert.NotNull(m.DeliveredAt));
        Assert.Equal(refuse + drop, smtp.TurnedAway);
        Assert.Equal(refuse + drop + outbox.Count, outbox.Sum(m => m.Attempts));
        var received = await smtp.WaitForAsync(2, TimeSpan.FromSeconds(5));
        Assert.Equal(outbox.Select(m => m.MessageId).Order(), received.Select(r => r.Message.MessageId).Order());
        Assert.Equal(outbox.Select(m => m.BodySha256).Order(), received.Select(r => NoticeText.Sha256(NoticeText.Canonical(r.Message.TextBody!))).Order());
    }

    private NoticeSender Sender(TestSmtpServer smtp) => new(demo.Contexts, new SmtpNoticeTransport(smtp.Settings),
        new NoticeSettings { Smtp = smtp.Settings, RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(40) },
        TimeProvider.System, NullLogger<NoticeSender>.Instance);

    private async Task<AccessConsole.Web.Audit.AuditEvent> ChangeWithNoticeAsync(string organizationName, string body)
    {
        var organization = await demo.OrganizationAsync(organizationName);
        var result = await demo.ChangesBy("Priya Raman").ChangeAsync(
            ChangeRequests.Restrict(organization, await demo.VersionAsync(organization), new Restriction { RequestsPerMinute = 600 })
            with { Notice = new CustomerNotice($"Capacity change for {organizationName}", body) });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        // Due now by the sender's clock (the change was made by the test's).
        await using var db = await demo.Contexts.CreateDbContextAsync();
        await db.NoticeOutbox.ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        return (await demo.EventsAboutAsync(organization))[^1];
    }

    private async Task<List<NoticeOutboxMessage>> OutboxAsync()
    {
        await using var db = await demo.Contexts.CreateDbContextAsync();
        return await db.NoticeOutbox.AsNoTracking().ToListAsync();
    }
}
