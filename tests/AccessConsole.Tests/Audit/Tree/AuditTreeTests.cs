using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Audit.Tree;
using AccessConsole.Web.Audit.Verification;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Audit.Tree;

/// <summary>
/// The Merkle tree the console keeps over its log: checkpoints sign its root, the stored subtrees are those of the
/// events, a filtered export's proof leads back to the signed root, and a subtree altered in the database is caught.
/// </summary>
public sealed class AuditTreeTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;

    public async ValueTask InitializeAsync() => factory = await ConsoleFactory.WithDemoDataAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private CheckpointService Checkpoints => factory.Services.GetRequiredService<CheckpointService>();

    [Fact]
    public async Task Every_checkpoint_signs_the_root_of_the_events_up_to_its_head_and_the_stored_subtrees_are_theirs()
    {
        foreach (var revokes in new[] { 1, 70, 3 })
        {
            Assert.All(await factory.RevokeKeysAsync(revokes), r => Assert.True(r.Succeeded));
            var checkpoint = await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);

            var leaves = (await factory.EventsAsync()).Select(e => MerkleHash.Leaf(e.Hash)).ToList();
            Assert.Equal(leaves.Count, checkpoint.HeadSequence);
            Assert.Equal(Convert.ToHexStringLower(MerkleHash.Root(leaves)), checkpoint.TreeRoot);
            await using var db = await factory.Contexts().CreateDbContextAsync();
            var stored = await db.AuditTreeNodes.AsNoTracking().ToListAsync();
            Assert.Equal(leaves.Count / AuditTree.BlockSize, stored.Count(n => n.Level == AuditTree.BlockLevel));
            Assert.All(stored, n => Assert.Equal(MerkleHash.Root(leaves.GetRange((int)(n.Position << n.Level), 1 << n.Level)), n.Hash));
        }
        var chain = await AuditVerifier.VerifyChainAsync(factory.Contexts(), CancellationToken.None);
        var verified = await factory.Services.GetRequiredService<CheckpointVerifier>().VerifyAsync(CancellationToken.None, chain);
        Assert.True(verified.IsIntact, verified.Summary);
    }

    /// <summary>
    /// Ranges of a power of two of events hand the tree their subtree's root; a checkpoint inside a range, or ranges of
    /// another size, make the verifier append leaf by leaf. Every way must give the root each checkpoint signed.
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(6)]
    public async Task Verifying_in_ranges_of_any_size_recomputes_the_root_at_every_checkpoint(int rangeSize)
    {
        var sizes = new List<long>();
        while (!(sizes.Any(s => s % 4 == 0) && sizes.Any(s => s % 4 != 0)) && sizes.Count < 12)
        {
            Assert.All(await factory.RevokeKeysAsync(1), r => Assert.True(r.Succeeded));
            sizes.Add((await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None)).HeadSequence);
        }
        Assert.True(sizes.Any(s => s % 4 == 0) && sizes.Any(s => s % 4 != 0), $"No mix of tree sizes: {string.Join(", ", sizes)}.");
        var leaves = (await factory.EventsAsync()).Select(e => MerkleHash.Leaf(e.Hash)).ToList();

        var chain = await AuditVerifier.VerifyChainAsync(factory.Contexts(), CancellationToken.None, rangeSize: rangeSize);

        Assert.True(chain.IsIntact, chain.Summary);
        Assert.All(sizes, size => Assert.Equal(Convert.ToHexStringLower(MerkleHash.Root(leaves.Take((int)size).ToList())), chain.TreeRoots[size]));
    }

    [Fact]
    public async Task A_stored_subtree_altered_before_a_checkpoint_is_found_by_recomputing_the_root_from_the_events()
    {
        await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);
        await using (var db = await factory.Contexts().CreateDbContextAsync())
        {
            // The largest stored subtree is the first part of every later root.
            var top = await db.AuditTreeNodes.MaxAsync(n => n.Level);
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE AuditTreeNodes SET Hash = zeroblob(32) WHERE Level = {top} AND Position = 0"));
        }
        Assert.All(await factory.RevokeKeysAsync(2), r => Assert.True(r.Succeeded));
        var forged = await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);

        var chain = await AuditVerifier.VerifyChainAsync(factory.Contexts(), CancellationToken.None);
        var verified = await factory.Services.GetRequiredService<CheckpointVerifier>().VerifyAsync(CancellationToken.None, chain);

        Assert.True(chain.IsIntact, chain.Summary);
        Assert.False(verified.IsIntact);
        Assert.Contains($"Checkpoint {forged.Number} signed a Merkle tree root that the events 1–{forged.HeadSequence:N0} do not give", verified.Summary);
    }

    [Fact]
    public async Task A_proof_for_events_scattered_over_many_blocks_gives_the_signed_root()
    {
        await factory.AppendSyntheticEventsAsync(9_000, [(Guid.NewGuid(), "Scattered Ltd"), (Guid.NewGuid(), "Other Ltd")]);
        var checkpoint = await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);
        var events = await factory.EventsAsync();
        var exported = events.Where(e => e.Sequence % 29 == 0 || e.Sequence > events.Count - 5).ToList();
        var runs = new LeafRuns();
        foreach (var e in exported) runs.Add(e.Sequence);
        Assert.True(exported.Select(e => (e.Sequence - 1) / AuditTree.BlockSize).Distinct().Count() > 128 * 2, "several batches of blocks");

        var proof = new List<ProofEntry>();
        await using (var db = await factory.Contexts().CreateDbContextAsync())
        {
            await InclusionProof.WriteAsync(new AuditTreeReader(db, checkpoint.HeadSequence), runs, entry =>
            {
                proof.Add(entry);
                return Task.CompletedTask;
            }, CancellationToken.None);
        }

        var leaves = exported.Select(e => (e.Sequence - 1, MerkleHash.Leaf(e.Hash))).ToList();
        Assert.Equal(checkpoint.TreeRoot, Convert.ToHexStringLower(ProofCheck.Root(checkpoint.HeadSequence, leaves, proof)));
    }

    [Fact]
    public async Task A_filtered_exports_events_and_proof_give_the_root_its_checkpoint_signed()
    {
        Assert.All(await factory.RevokeKeysAsync(5), r => Assert.True(r.Succeeded));
        var legal = await factory.SignedInClientAsync("Lee Legal", Roles.Legal);

        var export = await ExportDownload.PostAsync(legal, "format=jsonl&action=access.revoke");

        var proof = export.Proof.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var json = System.Text.Json.JsonDocument.Parse(line).RootElement;
            return new ProofEntry(json.GetProperty("start").GetInt64(), json.GetProperty("size").GetInt64(), Convert.FromHexString(json.GetProperty("hash").GetString()!));
        }).ToList();
        var leaves = export.Events.Select(e => (e.Sequence - 1, MerkleHash.Leaf(e.Hash))).ToList();
        Assert.True(leaves.Count >= 5);
        Assert.Equal(export.Manifest.ProofEntries, proof.Count);
        Assert.Equal(export.Manifest.Checkpoint.TreeRoot,
            Convert.ToHexStringLower(ProofCheck.Root(export.Manifest.ChainHeadSequence, leaves, proof)));
    }
}
