using System.Text;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Audit.Streaming;
using AccessConsole.Web.Audit.Tree;

namespace AccessConsole.Tests.Audit;

/// <summary>Reading in ranges, several at once: the batches come back in sequence order, each event exactly once, by either path.</summary>
public sealed class EventBatchesTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        Assert.All(await factory.RevokeKeysAsync(5), r => Assert.True(r.Succeeded));
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 3)]
    [InlineData(true, 1)]
    [InlineData(false, 10_000)]
    public async Task Small_ranges_come_back_in_order_with_every_event_once_and_its_hash_checked(bool readRows, int rangeSize)
    {
        var events = await factory.EventsAsync();
        var batches = new EventBatches(factory.Contexts(), EventForm.Canonical, rangeSize) { ReadSqliteRows = readRows };
        var text = new StringBuilder();
        var sequences = new List<long>();

        // A head below the real one: the last range is open, so the events after it are read too.
        await foreach (var batch in batches.ReadAsync(0, events[^1].Sequence - 4, q => q, CancellationToken.None))
        {
            text.Append(Encoding.UTF8.GetString(batch.Text.WrittenSpan));
            for (var i = 0; i < batch.Count; i++)
            {
                sequences.Add(batch.SequenceAt(i));
                Assert.True(batch.SealedAsIsAt(i), $"Event {batch.SequenceAt(i)} did not give its hash.");
            }
            batches.Return(batch);
        }

        Assert.Equal(events.Select(e => e.Sequence), sequences);
        Assert.Equal(string.Concat(events.Select(AuditChain.Canonical)), text.ToString());
    }

    [Fact]
    public async Task Batches_asked_for_leaves_give_each_events_tree_leaf_and_the_root_of_a_power_of_two_of_them()
    {
        var events = await factory.EventsAsync();
        var batches = new EventBatches(factory.Contexts(), EventForm.Canonical, 8) { HashLeaves = true };
        var roots = 0;

        await foreach (var batch in batches.ReadAsync(0, events[^1].Sequence, q => q, CancellationToken.None))
        {
            var leaves = Enumerable.Range(0, batch.Count).Select(i => MerkleHash.Leaf(batch.HashAt(i))).ToList();
            Assert.All(Enumerable.Range(0, batch.Count), i => Assert.Equal(leaves[i], batch.LeafAt(i).ToArray()));
            Assert.Equal(MerkleHash.IsPerfect(batch.Count) ? MerkleHash.Root(leaves) : null, batch.LeavesRoot);
            roots += batch.LeavesRoot is null ? 0 : 1;
            batches.Return(batch);
        }

        Assert.True(roots >= events.Count / 8, $"{roots} batches had a root.");
    }

    [Fact]
    public async Task A_json_lines_export_in_small_ranges_is_every_line_in_order_with_its_first_and_last()
    {
        var events = await factory.EventsAsync();
        var organization = events.Last(e => e.OrganizationId is not null).OrganizationId!.Value;

        foreach (var filter in new[] { new AuditFilter(), new AuditFilter { OrganizationId = organization } })
        {
            var through = events[^2].Sequence;
            var expected = events.AsQueryable().Matching(filter).Where(e => e.Sequence <= through).ToList();
            using var file = new MemoryStream();

            var written = await ExportedEvents.WriteJsonLinesAsync(factory.Contexts(), filter, 0, through, file, CancellationToken.None, rangeSize: 4);

            Assert.Equal(string.Concat(expected.Select(e => AuditChain.JsonLine(e) + "\n")), Encoding.UTF8.GetString(file.ToArray()));
            Assert.Equal(expected.Count, written.Count);
            Assert.Equal((expected[0].Sequence, expected[0].Hash), (written.FirstSequence!.Value, written.FirstHash));
            Assert.Equal((expected[^1].Sequence, expected[^1].Hash), (written.LastSequence!.Value, written.LastHash));
        }
    }
}
