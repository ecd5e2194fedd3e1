using AccessConsole.Web.Audit.Tree;

namespace AccessConsole.Tests.Audit.Tree;

public sealed class MerkleHashTests
{
    /// <summary>The tree hashes of RFC 6962's reference test data: the first n of eight leaves, n = 1 to 8.</summary>
    [Theory]
    [InlineData(1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")]
    [InlineData(2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77")]
    [InlineData(4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4")]
    [InlineData(6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef")]
    [InlineData(7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c")]
    [InlineData(8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")]
    public void The_tree_hash_is_that_of_the_rfc_for_its_reference_data(int size, string root)
    {
        string[] data = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
        var leaves = data.Take(size).Select(d => MerkleHash.LeafOf(Convert.FromHexString(d))).ToList();

        Assert.Equal(root, Convert.ToHexStringLower(MerkleHash.Root(leaves)));
    }

    [Fact]
    public void An_empty_tree_is_the_hash_of_nothing_and_an_event_leaf_hashes_its_32_bytes()
    {
        const string eventHash = "59a221b4bbf97585bffd73ed0d27d89af3cdff836efb8ad2239123e23f3d43d4";

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleHash.Empty));
        Assert.Equal(MerkleHash.LeafOf(Convert.FromHexString(eventHash)), MerkleHash.Leaf(eventHash));
        Assert.Throws<FormatException>(() => MerkleHash.Leaf("59a221b4"));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(64, 32)]
    [InlineData(65, 64)]
    [InlineData(10_000_000, 8_388_608)]
    public void A_tree_splits_at_the_largest_power_of_two_below_its_size(long size, long split) => Assert.Equal(split, MerkleHash.Split(size));

    [Fact]
    public void The_frontier_gives_the_trees_root_at_every_size_and_reports_each_completed_subtree()
    {
        var leaves = RandomLeaves(300, seed: 7);
        var completed = new Dictionary<(int, long), byte[]>();
        var frontier = new MerkleFrontier { StoredFromLevel = 2, Completed = (level, position, hash) => completed[(level, position)] = hash };

        Assert.Equal(MerkleHash.Empty, frontier.Root());
        for (var n = 1; n <= leaves.Count; n++)
        {
            frontier.Append(leaves[n - 1]);
            Assert.Equal(MerkleHash.Root(leaves.Take(n).ToList()), frontier.Root());
        }
        Assert.Equal(300 / 4 + 300 / 8 + 300 / 16 + 300 / 32 + 300 / 64 + 300 / 128 + 300 / 256, completed.Count);
        foreach (var ((level, position), hash) in completed)
        {
            Assert.Equal(MerkleHash.Root(leaves.Skip((int)(position << level)).Take(1 << level).ToList()), hash);
        }
    }

    [Fact]
    public void A_frontier_resumed_from_its_subtree_roots_goes_on_as_if_never_stopped()
    {
        var leaves = RandomLeaves(200, seed: 8);
        var roots = MerkleFrontier.Levels(128 + 64).Select((level, i) => MerkleHash.Root(leaves.Skip(i == 0 ? 0 : 128).Take(1 << level).ToList()));
        var resumed = MerkleFrontier.Resume(192, roots);

        foreach (var leaf in leaves.Skip(192)) resumed.Append(leaf);

        Assert.Equal(MerkleHash.Root(leaves), resumed.Root());
        Assert.Throws<ArgumentException>(() => MerkleFrontier.Resume(192, roots.Take(1)));
    }

    [Fact]
    public void A_whole_subtree_appended_at_once_gives_the_same_roots_as_its_leaves_one_by_one()
    {
        var leaves = RandomLeaves(48, seed: 9);
        var (byLeaf, bySubtree) = (new MerkleFrontier(), new MerkleFrontier());
        foreach (var leaf in leaves) byLeaf.Append(leaf);

        bySubtree.AppendSubtree(5, MerkleHash.Root(leaves.Take(32).ToList()));
        bySubtree.AppendSubtree(3, MerkleHash.Root(leaves.Skip(32).Take(8).ToList()));
        Assert.Throws<ArgumentException>(() => bySubtree.AppendSubtree(4, leaves[40]));
        foreach (var leaf in leaves.Skip(40)) bySubtree.Append(leaf);

        Assert.Equal(48, bySubtree.Count);
        Assert.Equal(byLeaf.Root(), bySubtree.Root());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(64)]
    public void A_perfect_trees_root_computed_in_place_is_its_root(int count)
    {
        var leaves = RandomLeaves(count, seed: count);
        var buffer = leaves.SelectMany(l => l).ToArray();

        MerkleHash.PerfectRootInPlace(buffer);

        Assert.Equal(MerkleHash.Root(leaves), buffer[..MerkleHash.Size]);
        Assert.Throws<ArgumentException>(() => MerkleHash.PerfectRootInPlace(new byte[3 * MerkleHash.Size]));
    }

    internal static List<byte[]> RandomLeaves(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var hash = new byte[32];
            random.NextBytes(hash);
            return MerkleHash.LeafOf(hash);
        }).ToList();
    }
}
