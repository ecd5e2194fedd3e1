using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Tree;

/// <summary>
/// Answers the hash of any subtree of the tree over events 1 to <c>size</c>, from the stored subtrees (read a window
/// at a time, since a proof walks them in order) and, below a block, from the events themselves.
/// </summary>
public sealed class AuditTreeReader(AccessConsoleDbContext db, long size) : ISubtreeHashes
{
    private const int NodesPerRead = 512;
    private const int NodesKept = 65_536;

    /// <summary>Leaves are read 64 blocks at a time: a scattered search needs small subtrees in most blocks.</summary>
    private const long LeavesPerRead = 64 * AuditTree.BlockSize;

    private readonly Dictionary<(int Level, long Position), byte[]> nodes = [];
    private long windowStart = -1;
    private List<byte[]> window = [];

    public long Size => size;

    public async Task<byte[]> HashAsync(long start, long count, CancellationToken ct)
    {
        if (count == 0) return MerkleHash.Empty;
        if (MerkleHash.IsPerfect(count) && start % count == 0)
        {
            var level = System.Numerics.BitOperations.Log2((ulong)count);
            if (level >= AuditTree.BlockLevel) return await NodeAsync(level, start >> level, ct);
            var leaves = await WindowAsync(start, ct);
            return MerkleHash.Root(leaves.GetRange((int)(start - windowStart), (int)count));
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

    /// <summary>The leaves of the window that holds leaf <paramref name="index"/> (a subtree below a block never crosses one).</summary>
    private async Task<List<byte[]>> WindowAsync(long index, CancellationToken ct)
    {
        var start = index / LeavesPerRead * LeavesPerRead;
        if (start != windowStart)
        {
            window = await AuditTree.LeavesAsync(db, start, Math.Min(start + LeavesPerRead, size), ct);
            windowStart = start;
        }
        return window;
    }
}
