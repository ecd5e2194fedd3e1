using System.Linq.Expressions;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Tree;

/// <summary>
/// Answers the hash of any subtree of the tree over events 1 to <c>size</c>, from the stored subtrees (read a window
/// at a time, since a proof walks them in order) and, below a block, from the events themselves. A proof needs the
/// events of the blocks that hold exported ones (and of the last, partial block): those are read a batch of blocks
/// at a time, and no others, since reading events is what a proof costs.
/// </summary>
public sealed class AuditTreeReader(AccessConsoleDbContext db, long size, LeafRuns? exported = null) : ISubtreeHashes
{
    private const int NodesPerRead = 512;
    private const int NodesKept = 65_536;
    private const int BlocksPerRead = 64;

    private readonly Dictionary<(int Level, long Position), byte[]> nodes = [];
    private readonly Dictionary<long, List<byte[]>> blocks = [];

    public long Size => size;

    public async Task<byte[]> HashAsync(long start, long count, CancellationToken ct)
    {
        if (count == 0) return MerkleHash.Empty;
        if (MerkleHash.IsPerfect(count) && start % count == 0)
        {
            var level = System.Numerics.BitOperations.Log2((ulong)count);
            if (level >= AuditTree.BlockLevel) return await NodeAsync(level, start >> level, ct);
            var leaves = await BlockAsync(start / AuditTree.BlockSize, ct);
            return MerkleHash.Root(leaves.GetRange((int)(start % AuditTree.BlockSize), (int)count));
        }
        var k = MerkleHash.Split(count);
        var left = await HashAsync(start, k, ct);
        var right = await HashAsync(start + k, count - k, ct);
        return MerkleHash.Node(left, right);
    }

    private async Task<byte[]> NodeAsync(int level, long position, CancellationToken ct)
    {
        if (nodes.TryGetValue((level, position), out var hash)) return hash;
        if (nodes.Count > NodesKept) nodes.Clear();
        var window = await db.AuditTreeNodes.AsNoTracking()
            .Where(n => n.Level == level && n.Position >= position && n.Position < position + NodesPerRead)
            .Select(n => new { n.Position, n.Hash }).ToListAsync(ct);
        foreach (var n in window) nodes[(level, n.Position)] = n.Hash;
        return nodes.TryGetValue((level, position), out hash)
            ? hash
            : throw new InvalidOperationException($"The audit tree has no stored subtree at level {level}, position {position}; sign a checkpoint first.");
    }

    /// <summary>The leaf hashes of a block, read with the next blocks the export touches (a subtree below a block never crosses one).</summary>
    private async Task<List<byte[]>> BlockAsync(long block, CancellationToken ct)
    {
        if (blocks.TryGetValue(block, out var leaves)) return leaves;
        blocks.Clear();
        var batch = (exported?.Blocks(block, AuditTree.BlockSize) ?? []).Prepend(block).Distinct().Take(BlocksPerRead).ToList();
        var bounds = new long[2 * BlocksPerRead];
        for (var i = 0; i < BlocksPerRead; i++)
        {
            var b = batch[Math.Min(i, batch.Count - 1)];
            (bounds[2 * i], bounds[2 * i + 1]) = (b * AuditTree.BlockSize, Math.Min((b + 1) * AuditTree.BlockSize, size));
        }
        // Ordered here, not in SQL: SQLite would answer ORDER BY with a scan of the whole table instead of one search per range.
        var rows = (await db.AuditEvents.AsNoTracking().Where(InRanges(bounds)).Select(e => new { e.Sequence, e.Hash }).ToListAsync(ct))
            .OrderBy(r => r.Sequence).ToList();
        var next = 0;
        foreach (var b in batch)
        {
            var (after, through) = (b * AuditTree.BlockSize, Math.Min((b + 1) * AuditTree.BlockSize, size));
            var hashes = new List<byte[]>((int)(through - after));
            for (; next < rows.Count && rows[next].Sequence <= through; next++)
            {
                if (rows[next].Sequence > after) hashes.Add(MerkleHash.Leaf(rows[next].Hash));
            }
            if (hashes.Count != through - after) throw new InvalidOperationException($"The audit log does not hold every event from {after + 1} to {through}; run verify-audit.");
            blocks[b] = hashes;
        }
        return blocks[block];
    }

    /// <summary>
    /// Events whose sequence is in any of the ranges (after, through] that <paramref name="bounds"/> holds in pairs: one
    /// key range each, so no event between them is read. Read from the array, the bounds become the query's parameters,
    /// so every batch runs the one compiled query.
    /// </summary>
    private static Expression<Func<AuditEvent, bool>> InRanges(long[] bounds)
    {
        var e = Expression.Parameter(typeof(AuditEvent), "e");
        var sequence = Expression.Property(e, nameof(AuditEvent.Sequence));
        var array = Expression.Constant(bounds);
        Expression Bound(int i) => Expression.ArrayIndex(array, Expression.Constant(i));
        var any = Enumerable.Range(0, bounds.Length / 2)
            .Select(i => (Expression)Expression.AndAlso(Expression.GreaterThan(sequence, Bound(2 * i)), Expression.LessThanOrEqual(sequence, Bound(2 * i + 1))))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<AuditEvent, bool>>(any, e);
    }
}
