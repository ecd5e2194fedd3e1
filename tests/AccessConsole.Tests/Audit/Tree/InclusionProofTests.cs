using AccessConsole.Web.Audit.Tree;

namespace AccessConsole.Tests.Audit.Tree;

public sealed class InclusionProofTests
{
    [Theory]
    [InlineData(1, new long[] { 1 })]
    [InlineData(7, new long[] { 3 })]
    [InlineData(8, new long[] { 1, 8 })]
    [InlineData(100, new long[] { 2, 3, 4, 50, 99, 100 })]
    [InlineData(257, new long[] { 64, 65, 66, 67, 257 })]
    [InlineData(1000, new long[] { })]
    public async Task The_exported_events_and_their_proof_give_the_trees_root(long size, long[] sequences)
    {
        var (leaves, proof) = await ProveAsync(size, sequences);

        Assert.Equal(MerkleHash.Root(leaves), ProofCheck.Root(size, Exported(leaves, sequences), proof));
    }

    [Fact]
    public async Task An_export_of_every_event_needs_no_proof_and_one_event_needs_a_hash_per_level()
    {
        var (_, none) = await ProveAsync(1000, Enumerable.Range(1, 1000).Select(i => (long)i).ToArray());
        var (_, one) = await ProveAsync(1000, [500]);

        Assert.Empty(none);
        Assert.Equal(10, one.Count);
    }

    [Fact]
    public async Task A_time_range_costs_a_few_hashes_at_each_end_however_many_events_it_holds()
    {
        var (_, range) = await ProveAsync(4096, Enumerable.Range(1001, 2000).Select(i => (long)i).ToArray());

        Assert.True(range.Count <= 2 * 12, $"{range.Count} hashes");
    }

    [Fact]
    public async Task A_forged_event_in_place_of_one_gives_another_root()
    {
        long[] sequences = [10, 20, 30];
        var (leaves, proof) = await ProveAsync(64, sequences);
        var exported = Exported(leaves, sequences).ToList();
        exported[1] = (exported[1].Index, MerkleHash.LeafOf([1, 2, 3]));

        Assert.NotEqual(MerkleHash.Root(leaves), ProofCheck.Root(64, exported, proof));
    }

    [Fact]
    public async Task An_event_added_to_or_removed_from_the_export_no_longer_fits_its_proof()
    {
        long[] sequences = [10, 20, 30];
        var (leaves, proof) = await ProveAsync(64, sequences);
        var exported = Exported(leaves, sequences);
        var added = exported.Append((Index: 24L, Leaf: leaves[24])).OrderBy(e => e.Index).ToList();
        var removed = exported.Where(e => e.Index != 19).ToList();

        Assert.Throws<FormatException>(() => ProofCheck.Root(64, added, proof));
        Assert.Throws<FormatException>(() => ProofCheck.Root(64, removed, proof));
        Assert.Throws<FormatException>(() => ProofCheck.Root(64, exported, proof.Skip(1).ToList()));
        Assert.Throws<FormatException>(() => ProofCheck.Root(64, exported, [.. proof, proof[0]]));
        Assert.Throws<FormatException>(() => ProofCheck.Root(64, [.. exported, (Index: 64L, Leaf: leaves[0])], proof));
    }

    [Fact]
    public void The_proofs_subtrees_are_the_largest_without_an_exported_leaf_in_tree_order()
    {
        var runs = new LeafRuns();
        runs.Add(2);
        runs.Add(5);

        Assert.Equal([(0L, 1L), (2L, 2L)], InclusionProof.Subtrees(runs, 5));
        Assert.Equal([(0L, 4L), (4L, 2L)], InclusionProof.PerfectParts(0, 6));
        Assert.Throws<ArgumentException>(() => runs.Add(5));
    }

    private static IReadOnlyList<(long Index, byte[] Leaf)> Exported(List<byte[]> leaves, long[] sequences) =>
        sequences.Select(s => (s - 1, leaves[(int)s - 1])).ToList();

    private static async Task<(List<byte[]> Leaves, List<ProofEntry> Proof)> ProveAsync(long size, long[] sequences)
    {
        var leaves = MerkleHashTests.RandomLeaves((int)size, seed: (int)size);
        var runs = new LeafRuns();
        foreach (var s in sequences) runs.Add(s);
        var proof = new List<ProofEntry>();
        await InclusionProof.WriteAsync(new InMemoryTree(leaves), runs, entry =>
        {
            proof.Add(entry);
            return Task.CompletedTask;
        }, CancellationToken.None);
        return (leaves, proof);
    }
}
