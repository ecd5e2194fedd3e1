namespace AccessConsole.Web.Audit.Verification;

/// <summary>
/// Follows a chain one event at a time in sequence order, keeping only the last two hashes, and names the first
/// event that does not verify. Pure: the database verifier and the export checks both use it. With
/// <c>contiguous</c> false (a filtered export) links are checked only between consecutive sequences.
/// </summary>
public sealed class ChainWalk(bool contiguous = true)
{
    private AuditEvent? previous;
    private string beforePreviousHash = AuditChain.GenesisHash;

    public long Count { get; private set; }

    public long HeadSequence => previous?.Sequence ?? 0;

    public string HeadHash => previous?.Hash ?? AuditChain.GenesisHash;

    /// <summary>Checks the next event; answers null when it verifies, else the break (and the walk stops meaning anything).</summary>
    public ChainBreak? Next(AuditEvent e)
    {
        var expected = HeadSequence + 1;
        if (e.Sequence <= HeadSequence)
        {
            return new(e.Sequence, ChainFault.Inserted, $"Sequence {e.Sequence} appears again after sequence {HeadSequence}.");
        }
        if (contiguous && e.Sequence > expected)
        {
            var range = e.Sequence - 1 == expected ? $"Sequence {expected} is" : $"Sequences {expected} to {e.Sequence - 1} are";
            return new(expected, ChainFault.Missing, $"{range} missing: the log goes from {HeadSequence} to {e.Sequence}.");
        }

        var linked = !contiguous && e.Sequence != expected || e.PreviousHash == HeadHash;
        var sealedAsIs = AuditChain.ComputeHash(e) == e.Hash;
        if (linked && !sealedAsIs)
        {
            return new(e.Sequence, ChainFault.Edited, $"Event {e.Sequence}'s content no longer matches its hash: a field was changed after it was written.");
        }
        if (!linked) return BrokenLink(e, sealedAsIs);

        beforePreviousHash = HeadHash;
        previous = e;
        Count++;
        return null;
    }

    /// <summary>Judges a broken link from what the walk holds; <see cref="AuditVerifier"/> looks further in the database first.</summary>
    internal ChainBreak BrokenLink(AuditEvent e, bool sealedAsIs)
    {
        if (previous is { } p && e.PreviousHash == beforePreviousHash)
        {
            return new(p.Sequence, ChainFault.Inserted, $"Event {p.Sequence} does not belong: event {e.Sequence} is chained directly to the event before it.");
        }
        if (sealedAsIs && previous is { } resealed)
        {
            return new(resealed.Sequence, ChainFault.Edited,
                $"Event {resealed.Sequence} was altered and sealed again: event {e.Sequence} recorded a different hash for it.");
        }
        return new(e.Sequence, ChainFault.Edited, $"Event {e.Sequence} is not chained to event {HeadSequence}: its previous-hash field or content was changed.");
    }
}
