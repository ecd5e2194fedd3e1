using System.Numerics;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Tree;

/// <summary>
/// The hashes of subtrees of the tree over events 1 to <c>size</c>: from the stored subtrees, and below a block from
/// the events themselves. A batch of a proof's subtrees is read at once, only the rows it needs, since reading is what
/// a proof costs: a customer's events are scattered over the whole log.
/// </summary>
public sealed class AuditTreeReader(AccessConsoleDbContext db, long size) : ISubtreeHashes
{
    private const int PositionsPerQuery = 500;
    private const int BlocksPerQuery = 128;

    private readonly Dictionary<(int Level, long Position), byte[]> nodes = [];
    private readonly Dictionary<long, List<byte[]>> blocks = [];

    public long Size => size;

    public async Task PrefetchAsync(IReadOnlyList<(long Start, long Count)> subtrees, CancellationToken ct)
    {
        nodes.Clear();
        blocks.Clear();
        var parts = subtrees.SelectMany(s => InclusionProof.PerfectParts(s.Start, s.Count)).ToList();
        var stored = parts.Where(p => LevelOf(p.Count) >= AuditTree.BlockLevel).Select(p => (Level: LevelOf(p.Count), Position: p.Start >> LevelOf(p.Count))).Distinct();
        foreach (var level in stored.GroupBy(k => k.Level))
        {
            foreach (var positions in level.Select(k => k.Position).Chunk(PositionsPerQuery))
            {
                var found = await db.AuditTreeNodes.AsNoTracking().Where(n => n.Level == level.Key && positions.Contains(n.Position))
                    .Select(n => new { n.Position, n.Hash }).ToListAsync(ct);
                foreach (var n in found) nodes[(level.Key, n.Position)] = n.Hash;
            }
        }
        var small = parts.Where(p => LevelOf(p.Count) < AuditTree.BlockLevel).Select(p => p.Start / AuditTree.BlockSize).Distinct().Order();
        foreach (var batch in small.Chunk(BlocksPerQuery)) await ReadBlocksAsync(batch, ct);
    }

    public byte[] Hash(long start, long count)
    {
        if (MerkleHash.IsPerfect(count) && start % count == 0)
        {
            var level = LevelOf(count);
            if (level < AuditTree.BlockLevel) return MerkleHash.Root(blocks[start / AuditTree.BlockSize].GetRange((int)(start % AuditTree.BlockSize), (int)count));
            return nodes.TryGetValue((level, start >> level), out var hash)
                ? hash
                : throw new InvalidOperationException($"The audit tree has no stored subtree at level {level}, position {start >> level}; sign a checkpoint first.");
        }
        var k = MerkleHash.Split(count);
        return MerkleHash.Node(Hash(start, k), Hash(start + k, count - k));
    }

    private static int LevelOf(long count) => BitOperations.Log2((ulong)count);

    /// <summary>The leaf hashes of these blocks (in order), in one query.</summary>
    private async Task ReadBlocksAsync(long[] batch, CancellationToken ct)
    {
        var bounds = new object[2 * BlocksPerQuery];
        for (var i = 0; i < BlocksPerQuery; i++)
        {
            var b = batch[Math.Min(i, batch.Length - 1)];
            (bounds[2 * i], bounds[2 * i + 1]) = (b * AuditTree.BlockSize, Math.Min((b + 1) * AuditTree.BlockSize, size));
        }
        var rows = (await db.Database.SqlQueryRaw<EventHash>(BlocksQuery, bounds).ToListAsync(ct)).OrderBy(r => r.Sequence).ToList();
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
    }

    /// <summary>
    /// The events of up to <see cref="BlocksPerQuery"/> blocks, one key range each, so that no event between them is read;
    /// the same text every time, the ranges as its parameters. Not ordered in SQL: SQLite would answer ORDER BY with a
    /// scan of the whole table instead of one search per range.
    /// </summary>
    private static readonly string BlocksQuery = "SELECT Sequence, Hash FROM AuditEvents WHERE " +
        string.Join(" OR ", Enumerable.Range(0, BlocksPerQuery).Select(i => $"(Sequence > {{{2 * i}}} AND Sequence <= {{{2 * i + 1}}})"));

    private sealed record EventHash(long Sequence, string Hash);
}
