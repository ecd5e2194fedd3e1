using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Streaming;

/// <summary>
/// Reads the audit log in consecutive ranges of sequences, several ranges at once (one per core, each on a context
/// of its own), and hands back their batches in sequence order. Only a few batches exist at a time and they are
/// reused, so memory stays flat whatever the length of the log.
/// </summary>
public sealed class EventBatches(IDbContextFactory<AccessConsoleDbContext> contexts, EventForm form, int rangeSize = EventBatches.DefaultRangeSize)
{
    public const int DefaultRangeSize = 8_192;

    private readonly ConcurrentBag<EventBatch> spare = [];

    /// <summary>On SQLite, read rows straight from the statement (false: read objects through EF Core, as on other providers).</summary>
    internal bool ReadSqliteRows { get; init; } = true;

    /// <summary>Whether canonical batches also compute their events' tree leaves (see <see cref="EventBatch.CheckHashes"/>).</summary>
    public bool HashLeaves { get; init; }

    /// <summary>
    /// The batches of the events after <paramref name="after"/> that <paramref name="select"/> keeps, in sequence order;
    /// ranges go up to <paramref name="through"/>, and the last one is open, so that nothing after it is left out.
    /// Give each batch back with <see cref="Return"/> once done with it.
    /// </summary>
    public async IAsyncEnumerable<EventBatch> ReadAsync(
        long after, long through, Func<IQueryable<AuditEvent>, IQueryable<AuditEvent>> select, [EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pending = new Queue<Task<EventBatch>>();
        var ahead = Math.Max(2, Environment.ProcessorCount) + 1;
        var next = after;
        try
        {
            while (true)
            {
                while (next != long.MaxValue && pending.Count < ahead)
                {
                    var (from, to) = (next, next >= through - rangeSize ? long.MaxValue : next + rangeSize);
                    pending.Enqueue(Task.Run(() => ReadRangeAsync(from, to, select, stop.Token), stop.Token));
                    next = to;
                }
                if (!pending.TryDequeue(out var reading)) yield break;
                yield return await reading;
            }
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var reading in pending) await reading.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Return(EventBatch batch) => spare.Add(batch);

    private async Task<EventBatch> ReadRangeAsync(long from, long to, Func<IQueryable<AuditEvent>, IQueryable<AuditEvent>> select, CancellationToken ct)
    {
        var batch = spare.TryTake(out var reused) ? reused : new EventBatch(form);
        batch.Clear();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = select(db.AuditEvents.Where(e => e.Sequence > from && e.Sequence <= to)).OrderBy(e => e.Sequence);
        if (!db.UsesRawSqlite || !ReadSqliteRows || !await SqliteEventRows.TryFillAsync(db, query, batch, ct))
        {
            batch.Clear();
            await foreach (var e in query.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct)) batch.Add(e);
        }
        if (form == EventForm.Canonical) batch.CheckHashes(HashLeaves);
        return batch;
    }
}
