namespace AccessConsole.Web.Audit.Tree;

/// <summary>The hashes of subtrees of a tree of <see cref="Size"/> leaves, read a batch at a time.</summary>
public interface ISubtreeHashes
{
    long Size { get; }

    /// <summary>Reads what <see cref="Hash"/> needs for these subtrees, all at once.</summary>
    Task PrefetchAsync(IReadOnlyList<(long Start, long Count)> subtrees, CancellationToken ct);

    /// <summary>The root of the subtree over leaves [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>), as the tree splits it; prefetched first.</summary>
    byte[] Hash(long start, long count);
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
    private const int SubtreesPerBatch = 4_096;

    /// <summary>Writes the proof's entries, in order, for the leaves <paramref name="exported"/> of the tree <paramref name="tree"/>.</summary>
    public static async Task WriteAsync(ISubtreeHashes tree, LeafRuns exported, Func<ProofEntry, Task> write, CancellationToken ct)
    {
        foreach (var batch in Subtrees(exported, tree.Size).Chunk(SubtreesPerBatch))
        {
            await tree.PrefetchAsync(batch, ct);
            foreach (var (start, count) in batch) await write(new ProofEntry(start, count, tree.Hash(start, count)));
        }
    }

    /// <summary>The largest subtrees with none of the leaves <paramref name="exported"/> in them, in tree order: what the proof holds.</summary>
    public static IEnumerable<(long Start, long Count)> Subtrees(LeafRuns exported, long size)
    {
        var pending = new Stack<(long Start, long Count)>();
        if (size > 0) pending.Push((0, size));
        while (pending.Count > 0)
        {
            var (start, count) = pending.Pop();
            if (!exported.AnyIn(start, count))
            {
                yield return (start, count);
                continue;
            }
            if (count == 1) continue;
            var k = MerkleHash.Split(count);
            pending.Push((start + k, count - k));
            pending.Push((start, k));
        }
    }

    /// <summary>The perfect subtrees a subtree is made of as the tree splits it: itself when perfect, else those of its two halves.</summary>
    public static IEnumerable<(long Start, long Count)> PerfectParts(long start, long count)
    {
        while (!MerkleHash.IsPerfect(count))
        {
            var k = MerkleHash.Split(count);
            yield return (start, k);
            (start, count) = (start + k, count - k);
        }
        yield return (start, count);
    }
}
