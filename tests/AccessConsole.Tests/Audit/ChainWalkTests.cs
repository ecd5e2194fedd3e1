using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Verification;

namespace AccessConsole.Tests.Audit;

/// <summary>The pure walk on chains built in memory; the database tampering tests go through the real verifier.</summary>
public sealed class ChainWalkTests
{
    internal static List<AuditEvent> Chain(int length)
    {
        var events = new List<AuditEvent>();
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= length; i++)
        {
            var e = CanonicalFormTests.GoldenEvent();
            e.EventId = Guid.NewGuid();
            e.Justification = $"change {i}";
            AuditChain.Seal(e, i, previous);
            previous = e.Hash;
            events.Add(e);
        }
        return events;
    }

    private static ChainBreak? Walk(IEnumerable<AuditEvent> events, bool contiguous = true)
    {
        var walk = new ChainWalk(contiguous);
        return events.Select(walk.Next).FirstOrDefault(b => b is not null);
    }

    [Fact]
    public void An_untouched_chain_verifies_and_reports_its_head()
    {
        var chain = Chain(10);
        var walk = new ChainWalk();

        Assert.All(chain, e => Assert.Null(walk.Next(e)));
        Assert.Equal(10, walk.Count);
        Assert.Equal(chain[^1].Hash, walk.HeadHash);
    }

    [Fact]
    public void An_edited_field_is_named_at_its_sequence()
    {
        var chain = Chain(10);
        chain[4].ActorName = "Someone Else";

        Assert.Equal((5L, ChainFault.Edited), Pair(Walk(chain)));
    }

    [Fact]
    public void An_edited_event_sealed_again_is_named_where_its_successor_disagrees()
    {
        var chain = Chain(10);
        chain[4].Justification = "rewritten";
        chain[4].Hash = AuditChain.ComputeHash(chain[4]);

        Assert.Equal((5L, ChainFault.Edited), Pair(Walk(chain)));
    }

    [Fact]
    public void A_missing_sequence_is_named()
    {
        var chain = Chain(10);
        chain.RemoveAt(6);

        Assert.Equal((7L, ChainFault.Missing), Pair(Walk(chain)));
    }

    [Fact]
    public void A_forged_event_chained_in_properly_is_named_as_inserted()
    {
        var chain = Chain(10);
        var forged = CanonicalFormTests.GoldenEvent();
        AuditChain.Seal(forged, 4, chain[2].Hash);
        var renumbered = chain.Take(3).Append(forged).Concat(chain.Skip(3).Select(e => Renumbered(e, e.Sequence + 1)));

        Assert.Equal((4L, ChainFault.Inserted), Pair(Walk(renumbered)));
    }

    [Fact]
    public void A_repeated_sequence_is_named_as_inserted()
    {
        var chain = Chain(5);
        chain.Insert(3, chain[2]);

        Assert.Equal((3L, ChainFault.Inserted), Pair(Walk(chain)));
    }

    [Fact]
    public void A_filtered_export_checks_hashes_everywhere_and_links_where_sequences_follow()
    {
        var chain = Chain(10);
        var filtered = chain.Where(e => e.Sequence is 2 or 3 or 7 or 9).ToList();
        Assert.Null(Walk(filtered, contiguous: false));

        filtered[2].Justification = "edited";
        Assert.Equal((7L, ChainFault.Edited), Pair(Walk(filtered, contiguous: false)));
    }

    private static AuditEvent Renumbered(AuditEvent e, long sequence)
    {
        var copy = CanonicalFormTests.GoldenEvent();
        copy.EventId = e.EventId;
        copy.Justification = e.Justification;
        copy.PreviousHash = e.PreviousHash;
        copy.Hash = e.Hash;
        copy.Sequence = sequence;
        return copy;
    }

    private static (long, ChainFault)? Pair(ChainBreak? b) => b is null ? null : (b.Sequence, b.Fault);
}
