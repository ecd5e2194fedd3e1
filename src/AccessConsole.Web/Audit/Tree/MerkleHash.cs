using System.Numerics;
using System.Security.Cryptography;

namespace AccessConsole.Web.Audit.Tree;

/// <summary>
/// The Merkle tree hash of RFC 9162 (section 2.1.1) over the audit log: leaf <c>i</c> is event <c>i + 1</c>, its data
/// the 32 bytes of the event's hash. A leaf hashes as SHA-256(0x00 ‖ data), a node as SHA-256(0x01 ‖ left ‖ right),
/// and a tree of n leaves splits at the largest power of two below n.
/// </summary>
public static class MerkleHash
{
    public const int Size = 32;

    /// <summary>The root of a tree with no leaves: SHA-256 of nothing.</summary>
    public static byte[] Empty { get; } = SHA256.HashData([]);

    /// <summary>The leaf hash of any data: SHA-256(0x00 ‖ data).</summary>
    public static byte[] LeafOf(ReadOnlySpan<byte> data)
    {
        Span<byte> prefixed = data.Length < 256 ? stackalloc byte[1 + data.Length] : new byte[1 + data.Length];
        prefixed[0] = 0;
        data.CopyTo(prefixed[1..]);
        return SHA256.HashData(prefixed);
    }

    /// <summary>The leaf hash of an event, given its hash as stored: 64 hexadecimal digits (as text or as UTF-8 bytes).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> hexHashUtf8)
    {
        Span<byte> hash = stackalloc byte[Size];
        if (Convert.FromHexString(hexHashUtf8, hash, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            throw new FormatException("An event hash is 64 hexadecimal digits.");
        }
        return LeafOf(hash);
    }

    public static byte[] Leaf(string hexHash) => Leaf(System.Text.Encoding.ASCII.GetBytes(hexHash));

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var node = new byte[Size];
        Node(left, right, node);
        return node;
    }

    /// <summary>The node over two hashes, written to <paramref name="destination"/> (which may overlap either).</summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> data = stackalloc byte[1 + 2 * Size];
        data[0] = 1;
        left.CopyTo(data[1..]);
        right.CopyTo(data[(1 + Size)..]);
        ShortInputSha256.Hash(data, destination);
    }

    /// <summary>The leaf of an event hash given as its 32 bytes, written to <paramref name="destination"/>.</summary>
    public static void LeafOfEventHash(ReadOnlySpan<byte> eventHash, Span<byte> destination)
    {
        Span<byte> data = stackalloc byte[1 + Size];
        data[0] = 0;
        eventHash.CopyTo(data[1..]);
        ShortInputSha256.Hash(data, destination);
    }

    /// <summary>
    /// The root of a perfect tree over <paramref name="leaves"/> (a power of two of them, 32 bytes each, one after the
    /// other), computed in place: the span holds intermediate nodes afterwards and the root in its first 32 bytes.
    /// </summary>
    public static void PerfectRootInPlace(Span<byte> leaves)
    {
        var count = leaves.Length / Size;
        if (!IsPerfect(count) || leaves.Length % Size != 0) throw new ArgumentException("A perfect tree has a power of two of 32-byte leaves.", nameof(leaves));
        for (var width = count; width > 1; width /= 2)
        {
            for (var i = 0; i < width / 2; i++)
            {
                Node(leaves.Slice(2 * i * Size, Size), leaves.Slice((2 * i + 1) * Size, Size), leaves.Slice(i * Size, Size));
            }
        }
    }

    /// <summary>Where a tree of <paramref name="size"/> leaves (two or more) splits: the largest power of two below it.</summary>
    public static long Split(long size) => size < 2
        ? throw new ArgumentOutOfRangeException(nameof(size), "Only a tree of two or more leaves splits.")
        : 1L << (63 - BitOperations.LeadingZeroCount((ulong)(size - 1)));

    public static bool IsPerfect(long size) => size > 0 && BitOperations.IsPow2(size);

    /// <summary>The root over leaf hashes, straight from the definition (for small trees and for tests).</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves) => Root(leaves, 0, leaves.Count);

    private static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int size)
    {
        if (size == 0) return Empty;
        if (size == 1) return leaves[start];
        var k = (int)Split(size);
        return Node(Root(leaves, start, k), Root(leaves, start + k, size - k));
    }
}
