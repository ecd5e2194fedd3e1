using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Tree;

/// <summary>
/// Keeps the stored subtrees (<see cref="AuditTreeNode"/>) up with the log, and answers the root at the head. Appends
/// do not touch the tree: it is brought up to date when a checkpoint is signed, under the chain-head lock, reading only
/// the events since the last time. A root then reads one stored subtree per bit of the event count and the last
/// partial block's events.
/// </summary>
public static class AuditTree
{
    public const int BlockLevel = 6;
    public const long BlockSize = 1L << BlockLevel;
    private const int EventsPerRead = 16_384;

    /// <summary>The tree's root over events 1 to <paramref name="head"/>, storing the blocks completed since the last call.</summary>
    /// <remarks>Call inside the transaction that holds the chain-head lock, before anything else is added to <paramref name="db"/>.</remarks>
    public static async Task<string> RootAsync(AccessConsoleDbContext db, long head, CancellationToken ct)
    {
        var frontier = await CatchUpAsync(db, head, ct);
        foreach (var leaf in await LeavesAsync(db, frontier.Count, head, ct)) frontier.Append(leaf);
        return frontier.RootHex();
    }

    /// <summary>Stores the subtrees of every whole block of the log as it is now (after a bulk load, so that the next checkpoint is quick).</summary>
    public static async Task CatchUpAsync(IDbContextFactory<AccessConsoleDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AuditLog.LockChainHeadAsync(db, ct);
        var head = await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        await CatchUpAsync(db, head, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Stores every whole block up to <paramref name="head"/> and the subtrees they complete; answers the frontier there.</summary>
    public static async Task<MerkleFrontier> CatchUpAsync(AccessConsoleDbContext db, long head, CancellationToken ct)
    {
        var stored = (await db.AuditTreeNodes.Where(n => n.Level == BlockLevel).MaxAsync(n => (long?)n.Position, ct) + 1 ?? 0) * BlockSize;
        var target = head / BlockSize * BlockSize;
        var completed = new List<AuditTreeNode>();
        var frontier = MerkleFrontier.Resume(stored, await SubtreeRootsAsync(db, stored, ct),
            (level, position, hash) => completed.Add(new AuditTreeNode { Level = level, Position = position, Hash = hash }), BlockLevel);
        for (var from = stored; from < target; from += EventsPerRead)
        {
            foreach (var leaf in await LeavesAsync(db, from, Math.Min(from + EventsPerRead, target), ct)) frontier.Append(leaf);
            db.AuditTreeNodes.AddRange(completed);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            completed.Clear();
        }
        return frontier;
    }

    /// <summary>The stored roots of the perfect subtrees that make up the first <paramref name="count"/> events (a multiple of a block).</summary>
    private static async Task<List<byte[]>> SubtreeRootsAsync(AccessConsoleDbContext db, long count, CancellationToken ct)
    {
        var roots = new List<byte[]>();
        var start = 0L;
        foreach (var level in MerkleFrontier.Levels(count))
        {
            var position = start >> level;
            var hash = await db.AuditTreeNodes.AsNoTracking().Where(n => n.Level == level && n.Position == position).Select(n => n.Hash).FirstOrDefaultAsync(ct)
                ?? throw new InvalidOperationException($"The audit tree has no stored subtree at level {level}, position {position}; it was altered.");
            roots.Add(hash);
            start += 1L << level;
        }
        return roots;
    }

    /// <summary>The leaf hashes of events <paramref name="after"/> + 1 to <paramref name="through"/>, which must all be there.</summary>
    public static async Task<List<byte[]>> LeavesAsync(AccessConsoleDbContext db, long after, long through, CancellationToken ct)
    {
        if (through <= after) return [];
        var hashes = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after && e.Sequence <= through)
            .OrderBy(e => e.Sequence).Select(e => e.Hash).ToListAsync(ct);
        if (hashes.Count != through - after)
        {
            throw new InvalidOperationException($"The audit log does not hold every event from {after + 1} to {through}; run verify-audit.");
        }
        return hashes.ConvertAll(MerkleHash.Leaf);
    }
}
