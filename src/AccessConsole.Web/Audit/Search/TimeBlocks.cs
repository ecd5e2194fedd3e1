using System.Collections.Concurrent;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Search;

/// <summary>
/// A time-range search on SQLite walks the log by sequence (see <see cref="AuditPageQueries"/>), and so reads every
/// event outside the range on its way to the page, such as the month of events newer than the range's end. Times
/// are not in sequence order (a change is dated when it is decided, and history can be loaded later), so no index
/// gives the page directly. This remembers, for each full block of <see cref="Size"/> sequences the walks have read,
/// its earliest and latest time, and lets later walks skip the blocks whose times all fall outside their range. A
/// full block never changes: the log is append-only (triggers refuse UPDATE and DELETE) and its sequence gapless.
/// </summary>
internal sealed class TimeBlocks
{
    public const int Size = 4096;
    public const int MaxLearnedPerWalk = 256;

    private static readonly ConcurrentDictionary<string, TimeBlocks> ByDatabase = new();
    private readonly ConcurrentDictionary<long, (DateTime Earliest, DateTime Latest)> known = new();

    public static TimeBlocks Of(AccessConsoleDbContext db) => ByDatabase.GetOrAdd(db.Database.GetConnectionString()!, _ => new());

    /// <summary>The events of a time-only filter between two sequences (inclusive), in the given direction.</summary>
    public async Task<List<AuditEvent>> WalkAsync(AccessConsoleDbContext db, AuditFilter filter, long low, long high, bool newestFirst, int count, CancellationToken ct)
    {
        var head = await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        high = Math.Min(high, head);
        var found = new List<AuditEvent>();
        foreach (var (from, to) in Segments(filter, low, high, head, newestFirst))
        {
            var slice = Walk(db, filter).Where(e => e.Sequence >= from && e.Sequence <= to);
            var rows = await (newestFirst ? slice.OrderByDescending(e => e.Sequence) : slice.OrderBy(e => e.Sequence))
                .Take(count - found.Count).ToListAsync(ct);
            found.AddRange(rows);
            var full = found.Count == count;
            // What the walk passed is read again only once, to learn its blocks' times.
            await LearnAsync(db, full && newestFirst ? rows[^1].Sequence : from, full && !newestFirst ? rows[^1].Sequence : to, head, newestFirst, ct);
            if (full) break;
        }
        return found;
    }

    /// <summary>Runs of blocks between low and high that may hold events of the range, in walking order.</summary>
    private IEnumerable<(long From, long To)> Segments(AuditFilter filter, long low, long high, long head, bool newestFirst)
    {
        var runs = new List<(long From, long To)>();
        for (var block = BlockOf(Math.Max(low, 1)); low <= high && block <= BlockOf(high); block++)
        {
            var (first, last) = (Math.Max(low, block * Size + 1), Math.Min(high, (block + 1) * Size));
            if (IsFull(block, head) && known.TryGetValue(block, out var times) && (times.Latest < filter.From || times.Earliest > filter.To)) continue;
            if (runs.Count > 0 && runs[^1].To == first - 1) runs[^1] = (runs[^1].From, last);
            else runs.Add((first, last));
        }
        if (newestFirst) runs.Reverse();
        return runs;
    }

    /// <summary>
    /// Learns the unknown full blocks between two sequences, at most <see cref="MaxLearnedPerWalk"/> of them, those
    /// the walk passed first, so that a long walk costs at most that much more the first time.
    /// </summary>
    private async Task LearnAsync(AccessConsoleDbContext db, long from, long to, long head, bool newestFirst, CancellationToken ct)
    {
        var (firstBlock, lastBlock) = (BlockOf(from), BlockOf(to));
        var unknown = Enumerable.Range(0, (int)(lastBlock - firstBlock + 1)).Select(i => firstBlock + i)
            .Where(b => IsFull(b, head) && b * Size + 1 >= from && (b + 1) * Size <= to && !known.ContainsKey(b)).ToList();
        var blocks = newestFirst ? unknown.TakeLast(MaxLearnedPerWalk).ToList() : unknown.Take(MaxLearnedPerWalk).ToList();
        if (blocks.Count == 0) return;
        var (start, end) = (blocks[0] * Size + 1, (blocks[^1] + 1) * Size);
        var times = await Walk(db, new AuditFilter()).Where(e => e.Sequence >= start && e.Sequence <= end)
            .GroupBy(e => (e.Sequence - 1) / Size)
            .Select(g => new { Block = g.Key, Earliest = g.Min(e => e.OccurredAt), Latest = g.Max(e => e.OccurredAt) })
            .ToListAsync(ct);
        foreach (var t in times) known[t.Block] = (t.Earliest, t.Latest);
    }

    private static IQueryable<AuditEvent> Walk(AccessConsoleDbContext db, AuditFilter filter) =>
        db.AuditEvents.FromSqlRaw($"SELECT * FROM \"{AuditEventConfiguration.Table}\" NOT INDEXED").AsNoTracking().Matching(filter);

    private static long BlockOf(long sequence) => (sequence - 1) / Size;

    private static bool IsFull(long block, long head) => (block + 1) * Size <= head;
}
