using System.Text.Json;
using AccessConsole.Tests.Bulk;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.Notices;
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
    public async Task Wording_with_an_unknown_placeholder_is_refused_at_the_notice_and_no_job_is_made()
    {
        var result = await app.SubmitAsync(Alex, IdeVendors, Terms(ChangeKind.Restrict, AccessConsole.Web.ReasonCodes.StandardReasonCodes.Capacity, Capped) with { Notice = Wording with { Body = "Dear {customer}" } });

        Assert.Equal(new Dictionary<string, string> { [NoticeOutbox.Field] = NoticeOutbox.Unknown(["{customer}"]) }, result.Errors);
        Assert.Null(result.JobId);
    }
}
