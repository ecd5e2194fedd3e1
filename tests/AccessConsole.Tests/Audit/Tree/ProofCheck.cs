using AccessConsole.Web.Audit.Tree;

namespace AccessConsole.Tests.Audit.Tree;

/// <summary>The proof's check as db/audit-format.md (section 6) gives it, and the shipped verifier runs it, in C#.</summary>
internal static class ProofCheck
{
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
