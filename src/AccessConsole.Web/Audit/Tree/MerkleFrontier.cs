namespace AccessConsole.Web.Audit.Tree;

/// <summary>
/// The root of a growing tree kept in O(log n) memory: the roots of its perfect subtrees, largest first (one for each
/// bit of the leaf count). Appending merges equal neighbours; the root folds them from the right, which is the RFC
/// 9162 tree hash of all the leaves so far.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<(int Level, byte[] Hash)> subtrees = [];

    public long Count { get; private set; }

    /// <summary>Called for every perfect subtree completed at <see cref="StoredFromLevel"/> or above: level, position, hash.</summary>
    public Action<int, long, byte[]>? Completed { get; init; }

    public int StoredFromLevel { get; init; } = int.MaxValue;

    /// <summary>A frontier at <paramref name="count"/> leaves, from the roots of its perfect subtrees, largest first.</summary>
    public static MerkleFrontier Resume(long count, IEnumerable<byte[]> subtreeRoots, Action<int, long, byte[]>? completed = null, int storedFromLevel = int.MaxValue)
    {
        var frontier = new MerkleFrontier { Completed = completed, StoredFromLevel = storedFromLevel, Count = count };
        using var roots = subtreeRoots.GetEnumerator();
        foreach (var level in Levels(count))
        {
            if (!roots.MoveNext()) throw new ArgumentException($"A tree of {count} leaves has a subtree of 2^{level} leaves with no root given.", nameof(subtreeRoots));
            frontier.subtrees.Add((level, roots.Current));
        }
        return frontier;
    }

    /// <summary>The levels of the perfect subtrees a tree of <paramref name="count"/> leaves is made of, largest first.</summary>
    public static IEnumerable<int> Levels(long count)
    {
        for (var level = 62; level >= 0; level--)
        {
            if ((count & (1L << level)) != 0) yield return level;
        }
    }

    public void Append(byte[] leafHash) => AppendSubtree(0, leafHash);

    /// <summary>
    /// Appends the 2^<paramref name="level"/> leaves of a perfect subtree at once, given its root: the tree must hold a
    /// multiple of that many leaves, so that the subtree is one of the tree's own.
    /// </summary>
    public void AppendSubtree(int level, byte[] root)
    {
        if (level is < 0 or > 62 || Count % (1L << level) != 0)
        {
            throw new ArgumentException($"A subtree of 2^{level} leaves cannot follow {Count} leaves.", nameof(level));
        }
        subtrees.Add((level, root));
        Count += 1L << level;
        if (level > 0 && level >= StoredFromLevel) Completed?.Invoke(level, (Count >> level) - 1, root);
        while (subtrees.Count > 1 && subtrees[^1].Level == subtrees[^2].Level)
        {
            var (height, right) = subtrees[^1];
            var left = subtrees[^2].Hash;
            subtrees.RemoveRange(subtrees.Count - 2, 2);
            var merged = MerkleHash.Node(left, right);
            subtrees.Add((height + 1, merged));
            if (height + 1 >= StoredFromLevel) Completed?.Invoke(height + 1, (Count >> (height + 1)) - 1, merged);
        }
    }

    public byte[] Root()
    {
        if (subtrees.Count == 0) return MerkleHash.Empty;
        var root = subtrees[^1].Hash;
        for (var i = subtrees.Count - 2; i >= 0; i--) root = MerkleHash.Node(subtrees[i].Hash, root);
        return root;
    }

    public string RootHex() => Convert.ToHexStringLower(Root());
}
