using System.Text;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Audit.Streaming;
using AccessConsole.Web.Audit.Tree;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Export;

/// <summary>How many events an export file holds, and its first and last (for the manifest).</summary>
public sealed class ExportedEvents
{
    public const int RangeSize = 2_048;

    public long Count { get; private set; }
    public long? FirstSequence { get; private set; }
    public string? FirstHash { get; private set; }
    public long? LastSequence { get; private set; }
    public string? LastHash { get; private set; }

    /// <summary>The events written, as leaves of the log's Merkle tree, for the export's inclusion proof.</summary>
    public LeafRuns Leaves { get; } = new();

    /// <summary>
    /// One line per event: its canonical JSON with its stored hash as a last member (db/audit-format.md), so that
    /// anyone can recompute each hash and link from the file alone. UTF-8, no byte order mark, LF after each line.
    /// The lines of several ranges are built at once and written in sequence order.
    /// </summary>
    public static async Task<ExportedEvents> WriteJsonLinesAsync(
        IDbContextFactory<AccessConsoleDbContext> contexts, AuditFilter filter, long after, long through, Stream destination, CancellationToken ct,
        int rangeSize = RangeSize)
    {
        var batches = new EventBatches(contexts, EventForm.JsonLine, rangeSize);
        var tally = new ExportedEvents();
        await foreach (var batch in batches.ReadAsync(after, through, events => events.Matching(filter).Where(e => e.Sequence <= through), ct))
        {
            if (batch.Count > 0)
            {
                var last = batch.Count - 1;
                tally.Include(batch.Count, batch.SequenceAt(0), Encoding.UTF8.GetString(batch.HashAt(0)), batch.SequenceAt(last), Encoding.UTF8.GetString(batch.HashAt(last)));
                for (var i = 0; i < batch.Count; i++) tally.Leaves.Add(batch.SequenceAt(i));
                await destination.WriteAsync(batch.Text.WrittenMemory, ct);
            }
            batches.Return(batch);
        }
        return tally;
    }

    /// <summary>CSV, for people and spreadsheets: events read as objects in keyset batches and written by <see cref="CsvEventWriter"/>.</summary>
    public static async Task<ExportedEvents> WriteCsvAsync(
        IDbContextFactory<AccessConsoleDbContext> contexts, AuditFilter filter, long after, long through, Stream destination, CancellationToken ct)
    {
        const int batchSize = 1_000;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var events = db.AuditEvents.AsNoTracking().Matching(filter).Where(e => e.Sequence <= through);
        var tally = new ExportedEvents();
        await using (var writer = new CsvEventWriter(destination))
        {
            while (true)
            {
                var batch = await events.Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(batchSize).ToListAsync(ct);
                foreach (var e in batch)
                {
                    await writer.WriteAsync(e, ct);
                    tally.Leaves.Add(e.Sequence);
                }
                if (batch.Count == 0) break;
                tally.Include(batch.Count, batch[0].Sequence, batch[0].Hash, batch[^1].Sequence, batch[^1].Hash);
                after = batch[^1].Sequence;
                if (batch.Count < batchSize) break;
            }
            await writer.FinishAsync(ct);
        }
        return tally;
    }

    private void Include(int count, long firstSequence, string firstHash, long lastSequence, string lastHash)
    {
        if (Count == 0) (FirstSequence, FirstHash) = (firstSequence, firstHash);
        (LastSequence, LastHash) = (lastSequence, lastHash);
        Count += count;
    }
}
