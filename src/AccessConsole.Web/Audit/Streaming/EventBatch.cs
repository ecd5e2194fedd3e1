using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using AccessConsole.Web.Audit.Tree;

namespace AccessConsole.Web.Audit.Streaming;

/// <summary>What a batch holds of each event: its canonical text (to check its hash) or its JSON Lines form (to export it).</summary>
public enum EventForm
{
    Canonical,
    JsonLine,
}

/// <summary>
/// The events of one range of sequences, each written in its <see cref="EventForm"/> into one shared buffer, with
/// its sequence and stored hashes beside it: what the verifier and the export need, without an object per event.
/// Batches are reused, so that reading millions of events allocates a few buffers rather than millions of strings.
/// </summary>
public sealed class EventBatch(EventForm form)
{
    private readonly record struct Entry(long Sequence, int Text, int TextLength, int Hash, int HashLength, int PreviousHash, int PreviousHashLength);

    private readonly List<Entry> entries = [];
    private readonly ArrayBufferWriter<byte> hashes = new(1 << 16);
    private bool[] sealedAsIs = [];
    private byte[] leaves = [];
    private byte[] scratch = [];

    public EventForm Form => form;

    /// <summary>Every event's text, one after the other in sequence order (JSON Lines: the lines of an export file).</summary>
    public ArrayBufferWriter<byte> Text { get; } = new(1 << 20);

    public int Count => entries.Count;

    public long SequenceAt(int index) => entries[index].Sequence;

    public ReadOnlySpan<byte> TextAt(int index) => Text.WrittenSpan.Slice(entries[index].Text, entries[index].TextLength);

    public ReadOnlySpan<byte> HashAt(int index) => hashes.WrittenSpan.Slice(entries[index].Hash, entries[index].HashLength);

    public ReadOnlySpan<byte> PreviousHashAt(int index) =>
        hashes.WrittenSpan.Slice(entries[index].PreviousHash, entries[index].PreviousHashLength);

    /// <summary>Whether the event's canonical text still gives its stored hash; see <see cref="CheckHashes"/>.</summary>
    public bool SealedAsIsAt(int index) => sealedAsIs[index];

    /// <summary>The tree leaf of the event's hash (RFC 9162), when <see cref="CheckHashes"/> was asked for leaves.</summary>
    public ReadOnlySpan<byte> LeafAt(int index) => leaves.AsSpan(index * MerkleHash.Size, MerkleHash.Size);

    /// <summary>
    /// The root of the perfect subtree over all the batch's leaves, when they were asked for and their number is a
    /// power of two; null otherwise. It stands for those events in the tree only if they are a whole aligned subtree.
    /// </summary>
    public byte[]? LeavesRoot { get; private set; }

    public void Clear()
    {
        LeavesRoot = null;
        entries.Clear();
        Text.ResetWrittenCount();
        hashes.ResetWrittenCount();
    }

    /// <summary>Adds an event read as an object (the provider-neutral path), by the same rules as <see cref="AuditChain"/>.</summary>
    public void Add(AuditEvent e)
    {
        var start = Text.WrittenCount;
        var json = AuditChain.WriteCanonical(Text, e);
        if (form == EventForm.JsonLine) json = json.String("hash"u8, e.Hash);
        json.End();
        Added(e.Sequence, start, Encoding.UTF8.GetBytes(e.Hash), Encoding.UTF8.GetBytes(e.PreviousHash));
    }

    /// <summary>Adds an event already written to <see cref="Text"/> from <paramref name="start"/>, with its stored hashes as UTF-8.</summary>
    internal void Added(long sequence, int start, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> previousHash)
    {
        if (form == EventForm.JsonLine) Text.Write("\n"u8);
        var hashAt = hashes.WrittenCount;
        hashes.Write(hash);
        hashes.Write(previousHash);
        entries.Add(new(sequence, start, Text.WrittenCount - start, hashAt, hash.Length, hashAt + hash.Length, previousHash.Length));
    }

    /// <summary>
    /// Recomputes each event's hash from its canonical text and compares it with the stored one; with
    /// <paramref name="withLeaves"/>, also each event's tree leaf and, for a power of two of events, their subtree's
    /// root. A leaf is made from the recomputed hash, which is the stored one for every event that verifies.
    /// </summary>
    public void CheckHashes(bool withLeaves = false)
    {
        if (form != EventForm.Canonical) throw new InvalidOperationException("Only canonical texts can be checked against their hashes.");
        if (sealedAsIs.Length < Count) sealedAsIs = new bool[Math.Max(Count, 2 * sealedAsIs.Length)];
        if (withLeaves && leaves.Length < Count * MerkleHash.Size) leaves = new byte[Math.Max(Count, 2 * leaves.Length / MerkleHash.Size) * MerkleHash.Size];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> hex = stackalloc byte[2 * SHA256.HashSizeInBytes];
        for (var i = 0; i < Count; i++)
        {
            ShortInputSha256.Hash(TextAt(i), hash);
            LowerHex(hash, hex);
            sealedAsIs[i] = hex.SequenceEqual(HashAt(i));
            if (withLeaves) MerkleHash.LeafOfEventHash(hash, leaves.AsSpan(i * MerkleHash.Size, MerkleHash.Size));
        }
        if (withLeaves && MerkleHash.IsPerfect(Count)) LeavesRoot = PerfectRoot();
    }

    private byte[] PerfectRoot()
    {
        var length = Count * MerkleHash.Size;
        if (scratch.Length < length) scratch = new byte[leaves.Length];
        leaves.AsSpan(0, length).CopyTo(scratch);
        MerkleHash.PerfectRootInPlace(scratch.AsSpan(0, length));
        return scratch.AsSpan(0, MerkleHash.Size).ToArray();
    }

    private static void LowerHex(ReadOnlySpan<byte> bytes, Span<byte> hex)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            hex[2 * i] = (byte)"0123456789abcdef"[bytes[i] >> 4];
            hex[2 * i + 1] = (byte)"0123456789abcdef"[bytes[i] & 0xF];
        }
    }
}
