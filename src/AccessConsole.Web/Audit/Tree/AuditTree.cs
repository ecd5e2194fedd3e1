using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Tree;

/// <summary>
/// Keeps the stored subtrees (<see cref="AuditTreeNode"/>) up with the log, and answers the root at the head. Appends
/// do not touch the tree: it is brought up to date before a checkpoint is signed, a slice of events per short
/// transaction (so that a long log never holds up changes), and the last few under the checkpoint's chain-head lock.
/// A root then reads one stored subtree per bit of the event count and the last partial block's events.
/// </summary>
public static class AuditTree
{
    /// <summary>Subtrees of 8 events and more are stored: a proof then reads at most 7 other events for each one it proves.</summary>
    public const int BlockLevel = 3;
    public const long BlockSize = 1L << BlockLevel;
    private const int EventsPerSlice = 16_384;
    private const string TreeLock = "AccessConsole.AuditTree";

    /// <summary>The tree's root over events 1 to <paramref name="head"/>, storing the blocks completed since the last call.</summary>
    /// <remarks>Call inside the checkpoint's transaction, before anything else is added to <paramref name="db"/>.</remarks>
    public static async Task<string> RootAsync(AccessConsoleDbContext db, long head, CancellationToken ct)
    {
        await LockAsync(db, ct);
        var frontier = await CatchUpAsync(db, head / BlockSize * BlockSize, int.MaxValue, ct);
        foreach (var leaf in await LeavesAsync(db, frontier.Count, head, ct)) frontier.Append(leaf);
        return frontier.RootHex();
    }

    /// <summary>Stores the subtrees of every whole block of the log as it is now, a slice per transaction.</summary>
    public static async Task CatchUpAsync(IDbContextFactory<AccessConsoleDbContext> contexts, CancellationToken ct)
    {
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await LockAsync(db, ct);
            var head = await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
            var target = head / BlockSize * BlockSize;
            var frontier = await CatchUpAsync(db, target, EventsPerSlice, ct);
            await transaction.CommitAsync(ct);
            if (frontier.Count >= target) return;
        }
    }

    /// <summary>Only one process extends the tree at a time (on SQLite, every write transaction already runs alone).</summary>
    private static async Task LockAsync(AccessConsoleDbContext db, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.SqlServer) return;
        await db.Database.ExecuteSqlRawAsync(
            "EXEC sp_getapplock @Resource = {0}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000;", [TreeLock], ct);
    }

    /// <summary>Stores the blocks after the stored ones up to <paramref name="target"/>, at most <paramref name="most"/> events of them; answers the frontier reached.</summary>
    private static async Task<MerkleFrontier> CatchUpAsync(AccessConsoleDbContext db, long target, long most, CancellationToken ct)
    {
        var stored = (await db.AuditTreeNodes.Where(n => n.Level == BlockLevel).MaxAsync(n => (long?)n.Position, ct) + 1 ?? 0) * BlockSize;
        target = Math.Min(target, stored + most);
        var completed = new List<AuditTreeNode>();
        var frontier = MerkleFrontier.Resume(stored, await SubtreeRootsAsync(db, stored, ct),
            (level, position, hash) => completed.Add(new AuditTreeNode { Level = level, Position = position, Hash = hash }), BlockLevel);
        for (var from = stored; from < target; from += EventsPerSlice)
        {
            foreach (var leaf in await LeavesAsync(db, from, Math.Min(from + EventsPerSlice, target), ct)) frontier.Append(leaf);
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
