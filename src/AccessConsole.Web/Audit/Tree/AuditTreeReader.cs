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
    private readonly Dictionary<(int Level, long Position), byte[]> nodes = [];
    private long blockNumber = -1;
    private List<byte[]> block = [];

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

    private async Task<List<byte[]>> BlockAsync(long number, CancellationToken ct)
    {
        if (number != blockNumber)
        {
            var first = number * AuditTree.BlockSize;
            block = await AuditTree.LeavesAsync(db, first, Math.Min(first + AuditTree.BlockSize, size), ct);
            blockNumber = number;
        }
        return block;
    }
}
