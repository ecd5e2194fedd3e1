using System.Diagnostics;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Verification;

/// <summary>
/// Recomputes the whole chain from the database: reads it in sequence order in batches (keyset, untracked, so
/// memory stays constant whatever its length), checks every hash and link, and answers "intact, N events, head
/// hash H" or the first sequence that fails and how.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor)
{
    public const int BatchSize = 2_000;

    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ReadAudit);
        return await VerifyChainAsync(contexts, cancellationToken);
    }

    /// <summary>For callers that are authorized otherwise (the operator's command line).</summary>
    /// <param name="recorded">An event and hash noted earlier (a past answer's head, a manifest's chain head): the
    /// chain alone cannot show that its newest events were cut off, or that everything from some point was resealed.</param>
    internal static async Task<ChainVerification> VerifyChainAsync(
        IDbContextFactory<AccessConsoleDbContext> contexts, CancellationToken cancellationToken, RecordedEvent? recorded = null)
    {
        var watch = Stopwatch.StartNew();
        var walk = new ChainWalk();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var after = 0L;
        while (true)
        {
            var batch = await db.AuditEvents.Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var e in batch)
            {
                if ((walk.Next(e) ?? recorded?.Check(e)) is { } found)
                {
                    var linkBroken = e.Sequence == walk.HeadSequence + 1 && e.PreviousHash != walk.HeadHash;
                    var judged = linkBroken ? await JudgeBrokenLinkAsync(db, walk, e, found, cancellationToken) : found;
                    // The events before the first bad one are the ones that verified.
                    return new(Math.Min(walk.Count, judged.Sequence - 1), walk.HeadSequence, walk.HeadHash, judged, watch.Elapsed);
                }
            }
            if (batch.Count < BatchSize)
            {
                var cutOff = recorded?.CheckEnd(walk.HeadSequence);
                return new(cutOff is null ? walk.Count : walk.HeadSequence, walk.HeadSequence, walk.HeadHash, cutOff, watch.Elapsed);
            }
            after = batch[^1].Sequence;
        }
    }

    /// <summary>
    /// A broken link can mean a reorder (the predecessor's true successor sits further on) or a deletion hidden by
    /// renumbering (the event this one was chained to is nowhere); only the whole table can tell, so look once.
    /// </summary>
    private static async Task<ChainBreak> JudgeBrokenLinkAsync(
        AccessConsoleDbContext db, ChainWalk walk, AuditEvent e, ChainBreak found, CancellationToken ct)
    {
        if (found.Fault == ChainFault.Inserted) return found;
        var predecessorHash = walk.HeadHash;
        var trueSuccessor = await db.AuditEvents.Where(x => x.PreviousHash == predecessorHash && x.Sequence > e.Sequence)
            .Select(x => (long?)x.Sequence).FirstOrDefaultAsync(ct);
        if (trueSuccessor is { } moved)
        {
            return new(e.Sequence, ChainFault.Reordered,
                $"Event {e.Sequence} is out of order: the event sealed after event {walk.HeadSequence} now sits at sequence {moved}.");
        }
        if (found.Sequence != e.Sequence) return found;
        var predecessorExists = await db.AuditEvents.AnyAsync(x => x.Hash == e.PreviousHash, ct);
        return predecessorExists
            ? found
            : new(e.Sequence, ChainFault.Missing, $"The event that event {e.Sequence} was chained to is gone: events were deleted and later ones renumbered.");
    }
}
