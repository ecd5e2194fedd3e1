using System.Text;

namespace AccessConsole.Web.Audit.Verification;

/// <summary>
/// Follows a chain one event at a time in sequence order, keeping only the last two hashes, and names the first
/// event that does not verify. Pure: the database verifier and the export checks both use it. With
/// <c>contiguous</c> false (a filtered export) links are checked only between consecutive sequences. Hashes are
/// compared as their UTF-8 bytes, so that the verifier can walk millions of events without a string for each.
/// </summary>
public sealed class ChainWalk(bool contiguous = true)
{
    private static readonly byte[] Genesis = Encoding.UTF8.GetBytes(AuditChain.GenesisHash);

    private HeldHash head = new(Genesis), beforeHead = new(Genesis);

    public long Count { get; private set; }

    public long HeadSequence { get; private set; }

    public string HeadHash => HeadSequence == 0 ? AuditChain.GenesisHash : Encoding.UTF8.GetString(head.Span);

    /// <summary>Checks the next event; answers null when it verifies, else the break (and the walk stops meaning anything).</summary>
    public ChainBreak? Next(AuditEvent e) =>
        Next(e.Sequence, Encoding.UTF8.GetBytes(e.PreviousHash), Encoding.UTF8.GetBytes(e.Hash), AuditChain.ComputeHash(e) == e.Hash);

    /// <summary>Checks the next event given its stored hashes and whether its content still gives its hash.</summary>
    public ChainBreak? Next(long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> hash, bool sealedAsIs)
    {
        var expected = HeadSequence + 1;
        if (sequence <= HeadSequence)
        {
            return new(sequence, ChainFault.Inserted, $"Sequence {sequence} appears again after sequence {HeadSequence}.");
        }
        if (contiguous && sequence > expected)
        {
            var range = sequence - 1 == expected ? $"Sequence {expected} is" : $"Sequences {expected} to {sequence - 1} are";
            return new(expected, ChainFault.Missing, $"{range} missing: the log goes from {HeadSequence} to {sequence}.");
        }

        var linked = !contiguous && sequence != expected || IsChainedToHead(previousHash);
        if (linked && !sealedAsIs)
        {
            return new(sequence, ChainFault.Edited, $"Event {sequence}'s content no longer matches its hash: a field was changed after it was written.");
        }
        if (!linked) return BrokenLink(sequence, previousHash, sealedAsIs);

        (beforeHead, head) = (head, beforeHead);
        head.Set(hash);
        HeadSequence = sequence;
        Count++;
        return null;
    }

    /// <summary>Whether an event's previous-hash field holds the hash of the walk's head.</summary>
    public bool IsChainedToHead(ReadOnlySpan<byte> previousHash) => previousHash.SequenceEqual(head.Span);

    /// <summary>Judges a broken link from what the walk holds; <see cref="AuditVerifier"/> looks further in the database first.</summary>
    private ChainBreak BrokenLink(long sequence, ReadOnlySpan<byte> previousHash, bool sealedAsIs)
    {
        if (HeadSequence > 0 && previousHash.SequenceEqual(beforeHead.Span))
        {
            return new(HeadSequence, ChainFault.Inserted, $"Event {HeadSequence} does not belong: event {sequence} is chained directly to the event before it.");
        }
        if (sealedAsIs && HeadSequence > 0)
        {
            return new(HeadSequence, ChainFault.Edited,
                $"Event {HeadSequence} was altered and sealed again: event {sequence} recorded a different hash for it.");
        }
        return new(sequence, ChainFault.Edited, $"Event {sequence} is not chained to event {HeadSequence}: its previous-hash field or content was changed.");
    }

    /// <summary>A hash as stored, copied into a buffer that is reused from event to event.</summary>
    private sealed class HeldHash(byte[] initial)
    {
        private byte[] bytes = [.. initial];
        private int length = initial.Length;

        public ReadOnlySpan<byte> Span => bytes.AsSpan(0, length);

        public void Set(ReadOnlySpan<byte> hash)
        {
            if (hash.Length > bytes.Length) bytes = new byte[hash.Length];
            hash.CopyTo(bytes);
            length = hash.Length;
        }
    }
}
