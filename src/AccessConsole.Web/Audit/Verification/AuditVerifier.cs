using System.Diagnostics;
using System.Numerics;
using System.Text;
using AccessConsole.Web.Audit.Streaming;
using AccessConsole.Web.Audit.Tree;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Verification;

/// <summary>
/// Recomputes the whole chain from the database: reads it in sequence order in batches (ranges of sequences, a few
/// at a time, so memory stays constant whatever its length), recomputes every hash (the batches' hashes in
/// parallel), checks every link in order, and answers "intact, N events, head hash H" or the first sequence that
/// fails and how.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ReadAudit);
        return await VerifyChainAsync(contexts, cancellationToken);
    }

    /// <summary>For callers that are authorized otherwise (the operator's command line).</summary>
    /// <param name="recorded">An event and hash noted earlier (a past answer's head, a manifest's chain head): the
    /// chain alone cannot show that its newest events were cut off, or that everything from some point was resealed.</param>
    /// <param name="rangeSize">How many sequences each batch covers; the hashes of several batches are checked at once.</param>
    internal static async Task<ChainVerification> VerifyChainAsync(
        IDbContextFactory<AccessConsoleDbContext> contexts, CancellationToken cancellationToken, RecordedEvent? recorded = null,
        int rangeSize = EventBatches.DefaultRangeSize)
    {
        var watch = Stopwatch.StartNew();
        var walk = new ChainWalk();
        long head;
        SortedSet<long> treeSizes;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            head = await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
            treeSizes = [.. await db.AuditCheckpoints.Where(c => c.TreeRoot != null).Select(c => c.HeadSequence).ToListAsync(cancellationToken)];
        }
        // The roots the signed checkpoints claim are recomputed from the events, never read from the stored tree.
        var tree = treeSizes.Count > 0 ? new MerkleFrontier() : null;
        var treeRoots = new Dictionary<long, string>();
        if (treeSizes.Contains(0)) treeRoots[0] = Convert.ToHexStringLower(MerkleHash.Empty);
        var batches = new EventBatches(contexts, EventForm.Canonical, rangeSize) { HashLeaves = tree is not null };
        await foreach (var batch in batches.ReadAsync(0, head, events => events, cancellationToken))
        {
            var wholeSubtree = tree is not null && IsWholeSubtree(batch, tree, treeSizes);
            for (var i = 0; i < batch.Count; i++)
            {
                var sequence = batch.SequenceAt(i);
                if ((walk.Next(sequence, batch.PreviousHashAt(i), batch.HashAt(i), batch.SealedAsIsAt(i)) ?? recorded?.Check(sequence, batch.HashAt(i))) is { } found)
                {
                    var linkBroken = sequence == walk.HeadSequence + 1 && !walk.IsChainedToHead(batch.PreviousHashAt(i));
                    var previousHash = Encoding.UTF8.GetString(batch.PreviousHashAt(i));
                    var judged = linkBroken ? await JudgeBrokenLinkAsync(contexts, walk, sequence, previousHash, found, cancellationToken) : found;
                    // The events before the first bad one are the ones that verified.
                    return new(Math.Min(walk.Count, judged.Sequence - 1), walk.HeadSequence, walk.HeadHash, judged, watch.Elapsed) { TreeRoots = treeRoots };
                }
                if (tree is null || wholeSubtree) continue;
                tree.Append(batch.LeafAt(i).ToArray());
                if (treeSizes.Contains(sequence)) treeRoots[sequence] = tree.RootHex();
            }
            if (wholeSubtree)
            {
                tree!.AppendSubtree(BitOperations.Log2((uint)batch.Count), batch.LeavesRoot!);
                if (treeSizes.Contains(tree.Count)) treeRoots[tree.Count] = tree.RootHex();
            }
            batches.Return(batch);
        }
        var cutOff = recorded?.CheckEnd(walk.HeadSequence);
        return new(cutOff is null ? walk.Count : walk.HeadSequence, walk.HeadSequence, walk.HeadHash, cutOff, watch.Elapsed) { TreeRoots = treeRoots };
    }

    /// <summary>
    /// Whether the batch's events are the leaves of one of the tree's own perfect subtrees, with no checkpoint's tree
    /// size among them before the last: then the batch's root, computed beside its hashes, stands for them all. (Once
    /// the walk has passed them, their sequences follow the tree's last leaf without a gap.)
    /// </summary>
    private static bool IsWholeSubtree(EventBatch batch, MerkleFrontier tree, SortedSet<long> treeSizes) =>
        batch is { LeavesRoot: not null, Count: > 1 } && batch.SequenceAt(0) == tree.Count + 1 && tree.Count % batch.Count == 0
        && treeSizes.GetViewBetween(batch.SequenceAt(0), batch.SequenceAt(batch.Count - 1) - 1).Count == 0;

    /// <summary>
    /// A broken link can mean a reorder (the predecessor's true successor sits further on) or a deletion hidden by
    /// renumbering (the event this one was chained to is nowhere); only the whole table can tell, so look once.
    /// </summary>
    private static async Task<ChainBreak> JudgeBrokenLinkAsync(
        IDbContextFactory<AccessConsoleDbContext> contexts, ChainWalk walk, long sequence, string previousHash, ChainBreak found, CancellationToken ct)
    {
        if (found.Fault == ChainFault.Inserted) return found;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var predecessorHash = walk.HeadHash;
        var trueSuccessor = await db.AuditEvents.Where(x => x.PreviousHash == predecessorHash && x.Sequence > sequence)
            .Select(x => (long?)x.Sequence).FirstOrDefaultAsync(ct);
        if (trueSuccessor is { } moved)
        {
            return new(sequence, ChainFault.Reordered,
                $"Event {sequence} is out of order: the event sealed after event {walk.HeadSequence} now sits at sequence {moved}.");
        }
        if (found.Sequence != sequence) return found;
        var predecessorExists = await db.AuditEvents.AnyAsync(x => x.Hash == previousHash, ct);
        return predecessorExists
            ? found
            : new(sequence, ChainFault.Missing, $"The event that event {sequence} was chained to is gone: events were deleted and later ones renumbered.");
    }
}
