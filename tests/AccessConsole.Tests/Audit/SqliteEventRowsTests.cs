using System.Text;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Audit.Streaming;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Audit;

/// <summary>
/// The SQLite reader builds each event's text from the stored column values; it must give, byte for byte, what the
/// object path (EF Core and <see cref="AuditChain"/>) gives, on the demo history, on awkward content, and on values
/// stored in forms the app never writes.
/// </summary>
public sealed class SqliteEventRowsTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        Assert.All(await factory.RevokeKeysAsync(5), r => Assert.True(r.Succeeded));
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Theory]
    [InlineData(EventForm.Canonical)]
    [InlineData(EventForm.JsonLine)]
    public async Task Every_demo_event_reads_as_the_object_path_writes_it(EventForm form)
    {
        var events = await factory.EventsAsync();

        var batch = await ReadRowsAsync(form, q => q);

        AssertSameAsObjects(events, batch);
        Assert.True(events.Count > 5);
    }

    [Fact]
    public async Task Awkward_text_empty_and_absent_values_and_every_time_precision_read_as_the_object_path_writes_them()
    {
        var events = await factory.EventsAsync();
        var time = new DateTime(2026, 2, 28, 23, 59, 59, DateTimeKind.Utc);
        await using (var connection = await factory.OpenAsync())
        await using (var insert = connection.InsertCommand())
        {
            var sequence = events[^1].Sequence;
            foreach (var (text, at) in new[]
            {
                ("quote \" backslash \\ nul \0 controls \u0001\u001f\b\f\n\r\t del \u007f sep \u2028 bom \ufeff emoji 😀 ünï", time),
                ("", time.AddTicks(1234567)),
                ("'=+-@ plain", time.AddTicks(1000000)),
                ("\u0000", time.AddTicks(1)),
            })
            {
                var e = CanonicalFormTests.GoldenEvent();
                (e.EventId, e.OccurredAt, e.Justification, e.ActorRoles, e.SubjectName) = (Guid.NewGuid(), at, text, text, text);
                (e.CorrelationId, e.PreviousChangeSequence, e.Details, e.TicketReference) = (Guid.NewGuid(), 3, "{\"a\":[1,\"b\"]}", null);
                AuditChain.Seal(e, ++sequence, events[^1].Hash);
                await insert.InsertAsync(e);
            }
        }

        var batch = await ReadRowsAsync(EventForm.Canonical, q => q);

        AssertSameAsObjects(await factory.EventsAsync(), batch);
    }

    [Theory]
    [InlineData("EventId = lower(EventId)")]
    [InlineData("OrganizationId = randomblob(16)")]
    [InlineData("CorrelationId = '{' || EventId || '}'")]
    [InlineData("OccurredAt = '2025-01-01T10:00:00'")]
    [InlineData("OccurredAt = '2025-01-01 10:00:00.1234560'")]
    [InlineData("Justification = CAST(X'41FF42' AS TEXT)")]
    [InlineData("ActorName = X'4142'")]
    [InlineData("UndoesSequence = 'x7'")]
    [InlineData("Hash = CAST(X'C0AF' AS TEXT)")]
    public async Task Values_stored_in_other_forms_read_as_the_object_path_reads_them(string change)
    {
        var events = await factory.EventsAsync();
        await using (var connection = await factory.OpenAsync())
        {
            await connection.ExecuteAsync(AuditTriggers.SqliteDrop);
            await connection.ExecuteAsync($"UPDATE AuditEvents SET {change} WHERE Sequence = {events[^3].Sequence};");
        }

        var batch = await ReadRowsAsync(EventForm.JsonLine, q => q);

        AssertSameAsObjects(await factory.EventsAsync(), batch);
    }

    [Fact]
    public async Task Filters_select_the_same_events_as_through_ef_core()
    {
        var events = await factory.EventsAsync();
        var organization = events.First(e => e.OrganizationId is not null).OrganizationId!.Value;
        var middle = events[events.Count / 2].OccurredAt;
        AuditFilter[] filters =
        [
            new() { OrganizationId = organization },
            new() { From = middle },
            new() { To = middle, Action = "access.revoke" },
            new() { ActorId = events[^1].ActorId, ReasonCode = events[^1].ReasonCode, SubjectId = events[^1].SubjectId },
        ];

        foreach (var filter in filters)
        {
            var expected = events.AsQueryable().Matching(filter).ToList();
            var batch = await ReadRowsAsync(EventForm.JsonLine, q => q.Matching(filter));

            Assert.NotEmpty(expected);
            AssertSameAsObjects(expected, batch);
        }
    }

    private async Task<EventBatch> ReadRowsAsync(EventForm form, Func<IQueryable<AuditEvent>, IQueryable<AuditEvent>> select)
    {
        await using var db = await factory.Contexts().CreateDbContextAsync();
        var batch = new EventBatch(form);
        Assert.True(await SqliteEventRows.TryFillAsync(db, select(db.AuditEvents).OrderBy(e => e.Sequence), batch, CancellationToken.None));
        return batch;
    }

    internal static void AssertSameAsObjects(IReadOnlyList<AuditEvent> events, EventBatch batch)
    {
        Assert.Equal(events.Select(e => e.Sequence), Enumerable.Range(0, batch.Count).Select(batch.SequenceAt));
        var objects = new EventBatch(batch.Form);
        foreach (var e in events) objects.Add(e);
        Assert.Equal(Encoding.UTF8.GetString(objects.Text.WrittenSpan), Encoding.UTF8.GetString(batch.Text.WrittenSpan));
        var expectedText = batch.Form == EventForm.Canonical
            ? string.Concat(events.Select(AuditChain.Canonical))
            : string.Concat(events.Select(e => AuditChain.JsonLine(e) + "\n"));
        Assert.Equal(expectedText, Encoding.UTF8.GetString(batch.Text.WrittenSpan));
        for (var i = 0; i < batch.Count; i++)
        {
            Assert.Equal(events[i].Hash, Encoding.UTF8.GetString(batch.HashAt(i)));
            Assert.Equal(events[i].PreviousHash, Encoding.UTF8.GetString(batch.PreviousHashAt(i)));
        }
    }
}
