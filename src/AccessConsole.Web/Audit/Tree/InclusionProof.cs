namespace AccessConsole.Web.Audit.Tree;

/// <summary>The hash of any subtree of a tree of <see cref="Size"/> leaves, as the tree splits it.</summary>
public interface ISubtreeHashes
{
    long Size { get; }

    Task<byte[]> HashAsync(long start, long count, CancellationToken ct);
}

/// <summary>One hash of a proof: the root of the subtree over leaves [Start, Start + Size), none of which is in the export.</summary>
public sealed record ProofEntry(long Start, long Size, byte[] Hash);

/// <summary>
/// One proof that every event of an export stands in the log the checkpoint signed, at its sequence: the roots of
/// the largest subtrees that hold none of the export's events, in tree order (db/audit-format.md, "Inclusion proof").
/// It is the audit paths of RFC 9162 of all the export's events merged, each hash once. With every event of the log
/// in the export it is empty, and the root recomputed from the events alone shows the export is the whole log.
/// </summary>
public static class InclusionProof
{
    /// <summary>Writes the proof's entries, in order, for the leaves <paramref name="exported"/> of the tree <paramref name="tree"/>.</summary>
    public static Task WriteAsync(ISubtreeHashes tree, LeafRuns exported, Func<ProofEntry, Task> write, CancellationToken ct) =>
        WalkAsync(tree, exported, 0, tree.Size, write, ct);

    private static async Task WalkAsync(ISubtreeHashes tree, LeafRuns exported, long start, long size, Func<ProofEntry, Task> write, CancellationToken ct)
    {
        if (size == 0) return;
        if (!exported.AnyIn(start, size))
        {
            await write(new ProofEntry(start, size, await tree.HashAsync(start, size, ct)));
            return;
        }
        if (size == 1) return;
        var k = MerkleHash.Split(size);
        await WalkAsync(tree, exported, start, k, write, ct);
        await WalkAsync(tree, exported, start + k, size - k, write, ct);
    }

    /// <summary>
    /// The root that the leaves (index and leaf hash, in increasing order) and the proof give for a tree of
    /// <paramref name="size"/> leaves; a proof that does not fit them throws <see cref="FormatException"/>.
    /// </summary>
    public static byte[] Root(long size, IReadOnlyList<(long Index, byte[] Leaf)> leaves, IReadOnlyList<ProofEntry> proof)
    {
        var next = 0;
        var root = size == 0 ? MerkleHash.Empty : Walk(0, size, 0, leaves.Count);
        if (next != proof.Count) throw new FormatException($"The proof has {proof.Count - next} entries too many.");
        return root;

        byte[] Walk(long start, long count, int low, int high)
        {
            if (low == high)
            {
                if (next == proof.Count) throw new FormatException($"The proof has no hash for leaves {start} to {start + count - 1}.");
                var entry = proof[next++];
                if (entry.Start != start || entry.Size != count) throw new FormatException($"The proof's entry {next} covers other leaves than {start} to {start + count - 1}.");
                return entry.Hash;
            }
            if (count == 1)
            {
                if (high - low != 1 || leaves[low].Index != start) throw new FormatException($"Leaf {start} is given twice, or leaves are out of order or beyond the tree.");
                return leaves[low].Leaf;
            }
            var k = MerkleHash.Split(count);
            var middle = low;
            while (middle < high && leaves[middle].Index < start + k) middle++;
            return MerkleHash.Node(Walk(start, k, low, middle), Walk(start + k, count - k, middle, high));
        }
    }
}
