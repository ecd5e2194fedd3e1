using System.Security.Cryptography;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Audit.Verification;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Audit;

public sealed class AuditExportTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private HttpClient legal = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        Assert.All(await factory.RevokeKeysAsync(8), r => Assert.True(r.Succeeded));
        legal = await factory.SignedInClientAsync("Lee Legal", Roles.Legal);
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_json_lines_export_matches_its_manifest_and_recomputes_the_chain()
    {
        var events = await factory.EventsAsync();

        var export = await ExportDownload.PostAsync(legal, "format=jsonl");

        var manifest = export.Manifest;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(export.Data)), manifest.Sha256);
        Assert.Equal(export.Data.Length, manifest.Bytes);
        Assert.Equal(events.Count, manifest.Count);
        Assert.Equal((events[0].Sequence, events[0].Hash), (manifest.FirstSequence!.Value, manifest.FirstHash));
        Assert.Equal((events[^1].Sequence, events[^1].Hash), (manifest.LastSequence!.Value, manifest.LastHash));
        Assert.Equal((events[^1].Sequence, events[^1].Hash), (manifest.ChainHeadSequence, manifest.ChainHeadHash));
        Assert.Empty(manifest.Filter);

        var walk = new ChainWalk();
        Assert.All(export.Events, e => Assert.Null(walk.Next(e)));
        Assert.Equal(events.Count, walk.Count);
        Assert.Equal(events.Select(e => e.Hash), export.Events.Select(e => e.Hash));
        Assert.All(export.Lines.Zip(export.Events), pair =>
            Assert.Equal(AuditChain.Canonical(pair.Second), pair.First[..pair.First.LastIndexOf(",\"hash\":", StringComparison.Ordinal)] + "}"));
    }

    [Fact]
    public async Task A_filtered_export_holds_exactly_the_filtered_events()
    {
        await using var db = await factory.Contexts().CreateDbContextAsync();
        var meridian = await db.Organizations.Where(o => o.Name == DemoCatalog.DisputedOrganization).Select(o => o.Id).SingleAsync();
        var expected = await db.AuditEvents.Where(e => e.OrganizationId == meridian).OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        var revokes = await db.AuditEvents.Where(e => e.Action == "access.revoke" && e.ActorId == "test:ann manager")
            .OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(8, revokes.Count);

        var byOrganization = await ExportDownload.PostAsync(legal, $"format=jsonl&organization={meridian}");
        var byActorAndAction = await ExportDownload.PostAsync(legal, "format=csv&action=access.revoke&actor=test:ann%20manager");

        Assert.Equal(expected, byOrganization.Events.Select(e => e.Sequence));
        Assert.All(byOrganization.Events, e => Assert.Equal(DemoCatalog.DisputedOrganization, e.OrganizationName));
        Assert.Equal(new Dictionary<string, string> { ["organization"] = meridian.ToString("D") }, byOrganization.Manifest.Filter);
        Assert.Equal(expected.Count, byOrganization.Manifest.Count);
        var walk = new ChainWalk(contiguous: false);
        Assert.All(byOrganization.Events, e => Assert.Null(walk.Next(e)));

        Assert.Equal(revokes.Select(s => s.ToString()), CsvColumn(byActorAndAction.Data, "sequence"));
        Assert.Equal(revokes.Count, byActorAndAction.Manifest.Count);
    }

    [Fact]
    public async Task A_time_range_export_starts_at_the_first_event_of_the_range()
    {
        var events = await factory.EventsAsync();
        var from = DateTime.SpecifyKind(events[events.Count / 2].OccurredAt, DateTimeKind.Utc);
        from = from.AddTicks(-(from.Ticks % TimeSpan.TicksPerSecond));
        var expected = events.Where(e => e.OccurredAt >= from).Select(e => e.Sequence).ToList();

        var export = await ExportDownload.PostAsync(legal, $"format=jsonl&from={from:yyyy-MM-dd'T'HH:mm:ss'Z'}");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, export.Events.Select(e => e.Sequence));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.com\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\tindented")]
    [InlineData("\rcarriage")]
    [InlineData("'quoted")]
    public async Task Csv_cells_that_begin_with_a_dangerous_character_come_out_neutralized(string justification)
    {
        var subject = await AppendEventAsync(justification, subjectName: justification);

        var export = await ExportDownload.PostAsync(legal, $"format=csv&subject={subject}");

        Assert.Equal("'" + justification, CsvColumn(export.Data, "justification").Single());
        Assert.Equal("'" + justification, CsvColumn(export.Data, "subjectName").Single());
        Assert.Equal(justification, CsvCells.Restore(CsvColumn(export.Data, "justification").Single()));
    }

    [Fact]
    public async Task Csv_cells_that_begin_harmlessly_are_left_as_they_are()
    {
        var subject = await AppendEventAsync("Plain text, with = and - inside", subjectName: "a-b");

        var export = await ExportDownload.PostAsync(legal, $"format=csv&subject={subject}");

        Assert.Equal("Plain text, with = and - inside", CsvColumn(export.Data, "justification").Single());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, export.Data[..3]);
    }

    [Fact]
    public async Task Every_export_is_audited_with_its_filter_count_and_file_hash()
    {
        var before = (await factory.EventsAsync()).Count;

        var first = await ExportDownload.PostAsync(legal, "format=csv&action=access.revoke");
        var second = await ExportDownload.PostAsync(legal, "format=jsonl");

        var events = await factory.EventsAsync();
        Assert.Equal(before + 2, events.Count);
        var (firstEvent, secondEvent) = (events[^2], events[^1]);
        Assert.All(new[] { firstEvent, secondEvent }, e =>
        {
            Assert.Equal(AuditExportService.Action, e.Action);
            Assert.Equal("Lee Legal", e.ActorName);
            Assert.Equal(Roles.Legal, e.ActorRoles);
        });
        Assert.Equal(first.Manifest.ExportEventId, firstEvent.EventId);
        using var details = System.Text.Json.JsonDocument.Parse(firstEvent.Details!);
        Assert.Equal("access.revoke", details.RootElement.GetProperty("filter").GetProperty("action").GetString());
        Assert.Equal(first.Manifest.Count, details.RootElement.GetProperty("count").GetInt64());
        Assert.Equal(first.Manifest.Sha256, details.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(before + 1, second.Manifest.Count);
        Assert.True((await factory.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task A_download_abandoned_as_soon_as_it_starts_is_audited_already()
    {
        var before = (await factory.EventsAsync()).Count;

        using (var response = await ExportDownload.PostRequestAsync(legal, "format=jsonl", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        var events = await factory.EventsAsync();
        Assert.Equal(AuditExportService.Action, events[before].Action);
        Assert.Equal("Lee Legal", events[before].ActorName);
    }

    [Fact]
    public async Task An_export_whose_connection_breaks_is_audited_and_then_marked_undelivered()
    {
        var exports = factory.Services.GetRequiredService<AuditExportService>();
        var actor = new Actor("test:lee", "Lee Legal", [Roles.Legal]);
        var before = (await factory.EventsAsync()).Count;

        await Assert.ThrowsAsync<IOException>(() => exports.ExportZipAsync(actor, new AccessConsole.Web.Audit.Search.AuditFilter(), ExportFormat.JsonLines,
            "audit.jsonl", new BreakingStream(afterBytes: 100), CancellationToken.None));

        var events = await factory.EventsAsync();
        Assert.Equal([AuditExportService.Action, ExportAuditEvent.UndeliveredAction], events.Skip(before).Select(e => e.Action));
        Assert.Equal(events[before].EventId.ToString(), events[before + 1].SubjectId);
        Assert.True((await factory.VerifyAsync()).IsIntact);
    }

    /// <summary>A connection that drops after some bytes, as a person closing the browser does.</summary>
    private sealed class BreakingStream(int afterBytes) : Stream
    {
        private int written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => written;
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous writes are refused, as by a response.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            written += buffer.Length;
            return written > afterBytes ? ValueTask.FromException(new IOException("The connection was reset.")) : ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    [Theory]
    [InlineData("format=xml", "'format' must be 'csv' or 'jsonl'")]
    [InlineData("format=csv&from=yesterday", "'from' must be a date")]
    [InlineData("format=csv&organization=meridian", "'organization' must be an organization id")]
    [InlineData("format=csv&colour=red", "'colour' is not a filter")]
    [InlineData("format=csv&before=10", "leave out 'before' and 'after'")]
    [InlineData("format=csv&from=2026-05-01&to=2026-04-01", "ends before it starts")]
    public async Task Bad_export_requests_get_a_clear_message_and_export_nothing(string query, string message)
    {
        var before = (await factory.EventsAsync()).Count;

        var response = await ExportDownload.PostRequestAsync(legal, query);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, (await factory.EventsAsync()).Count);
    }

    [Fact]
    public async Task Another_site_cannot_make_legal_export_neither_by_a_link_nor_by_a_form()
    {
        var before = (await factory.EventsAsync()).Count;

        // A link or an image on another site: the browser sends legal's cookie with a GET.
        var link = await legal.GetAsync("/audit/export?format=jsonl&action=chosen-by-the-attacker");
        // A form on another site posts with legal's cookie, but it cannot know the console's token.
        var form = await legal.PostAsync("/audit/export?format=jsonl&action=chosen-by-the-attacker", new FormUrlEncodedContent([]));

        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, link.StatusCode);
        Assert.Equal(AuditExportEndpoint.LinkMessage, await link.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Equal(AuditExportEndpoint.CrossSiteMessage, await form.Content.ReadAsStringAsync());
        Assert.NotEqual("application/zip", link.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await factory.EventsAsync()).Count);
    }

    [Fact]
    public async Task A_huge_filter_value_gets_a_clear_message()
    {
        var response = await ExportDownload.PostRequestAsync(legal, "format=csv&subject=" + new string('x', 5_000));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'subject' is too long", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Appends an event through the app's own append path, with text a person could have typed.</summary>
    private async Task<string> AppendEventAsync(string justification, string subjectName)
    {
        var subject = Guid.NewGuid().ToString("D");
        await using var db = await factory.Contexts().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await AuditLog.LockChainHeadAsync(db, CancellationToken.None);
        await AuditLog.AppendAsync(db, [new AuditEvent
        {
            OccurredAt = DateTime.UtcNow, ActorId = "test:ann", ActorName = "Ann", ActorRoles = Roles.AccountManager,
            Action = "access.revoke", SubjectKind = "ApiKey", SubjectId = subject, SubjectName = subjectName, Justification = justification,
        }], CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return subject;
    }

    internal static List<string> CsvColumn(byte[] csv, string column)
    {
        using var reader = CsvReader.Create(csv);
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(column));
        return values;
    }
}
