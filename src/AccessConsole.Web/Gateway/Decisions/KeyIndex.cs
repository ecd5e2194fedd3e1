using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using AccessConsole.Web.Access;

namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>
/// Every key's unchanging facts by the SHA-256 of its secret, in flat arrays rather than a million objects (under
/// 100 bytes a key), so that a decision about any key is answered from memory. Open addressing on the hash's first
/// bytes, which a SHA-256 already spreads evenly. Built once by <see cref="Builder"/>, then only read: no locks.
/// </summary>
public sealed class KeyIndex
{
    private const int HashBytes = 32;

    private readonly Columns columns;
    private readonly int[] slots;

    private sealed record Columns(byte[] Hashes, Guid[] Ids, int[] Organizations, Guid[] OrganizationIds, byte[] Names, int[] NameEnds,
        byte[] Purposes, byte[] Kinds, long[] ExpiresAt);

    private KeyIndex(Columns columns, int count)
    {
        this.columns = columns;
        Count = count;
        slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(count * 2, 16))];
        for (var i = 0; i < count; i++) Place(i);
    }

    public int Count { get; }

    /// <summary>The memory the arrays take, for the log and the benchmark.</summary>
    public long Bytes => columns.Hashes.Length + columns.Ids.Length * 16L + columns.Organizations.Length * 4L
        + columns.OrganizationIds.Length * 16L + columns.Names.Length + columns.NameEnds.Length * 4L + columns.Purposes.Length
        + columns.Kinds.Length + columns.ExpiresAt.Length * 8L + slots.Length * 4L;

    /// <summary>The key whose secret hashes to <paramref name="hashHex"/> (either case), or null when there is none.</summary>
    public KeyEntry? Find(string hashHex)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        if (hashHex.Length != HashBytes * 2 || Convert.FromHexString(hashHex, hash, out _, out _) != OperationStatus.Done) return null;
        var i = Locate(hash);
        if (i < 0) return null;
        var c = columns;
        var nameStart = i == 0 ? 0 : c.NameEnds[i - 1];
        return new KeyEntry(c.Ids[i], c.OrganizationIds[c.Organizations[i]], Encoding.UTF8.GetString(c.Names, nameStart, c.NameEnds[i] - nameStart),
            (KeyPurpose)c.Purposes[i], (CredentialKind)c.Kinds[i], c.ExpiresAt[i] == 0 ? null : new DateTime(c.ExpiresAt[i], DateTimeKind.Utc));
    }

    private int Locate(ReadOnlySpan<byte> hash)
    {
        var mask = slots.Length - 1;
        for (var slot = BinaryPrimitives.ReadInt32LittleEndian(hash) & mask; ; slot = (slot + 1) & mask)
        {
            var i = slots[slot] - 1;
            if (i < 0) return -1;
            if (columns.Hashes.AsSpan(i * HashBytes, HashBytes).SequenceEqual(hash)) return i;
        }
    }

    private void Place(int i)
    {
        var hash = columns.Hashes.AsSpan(i * HashBytes, HashBytes);
        if (Locate(hash) >= 0) return; // the database keeps hashes unique; a repeat could only shadow the first
        var mask = slots.Length - 1;
        var slot = BinaryPrimitives.ReadInt32LittleEndian(hash) & mask;
        while (slots[slot] != 0) slot = (slot + 1) & mask;
        slots[slot] = i + 1;
    }

    /// <summary>Collects keys one by one as they stream from the database, then builds the index.</summary>
    public sealed class Builder(int expected)
    {
        private readonly Dictionary<Guid, int> organizationIndex = [];
        private readonly List<Guid> organizationIds = [];
        private readonly ArrayBufferWriter<byte> names = new(Math.Max(expected, 16) * 16);
        private byte[] hashes = new byte[Math.Max(expected, 16) * HashBytes];
        private Guid[] ids = new Guid[Math.Max(expected, 16)];
        private int[] organizations = new int[Math.Max(expected, 16)];
        private int[] nameEnds = new int[Math.Max(expected, 16)];
        private byte[] purposes = new byte[Math.Max(expected, 16)];
        private byte[] kinds = new byte[Math.Max(expected, 16)];
        private long[] expiresAt = new long[Math.Max(expected, 16)];
        private int count;

        /// <summary>Adds a key; answers false (and adds nothing) when its hash is not 64 hexadecimal characters.</summary>
        public bool Add(string hashHex, Guid id, Guid organizationId, string name, KeyPurpose purpose, CredentialKind kind, DateTime? expires)
        {
            if (count == ids.Length) Grow();
            if (hashHex.Length != HashBytes * 2
                || Convert.FromHexString(hashHex, hashes.AsSpan(count * HashBytes, HashBytes), out _, out _) != OperationStatus.Done) return false;
            if (!organizationIndex.TryGetValue(organizationId, out var organization))
            {
                organization = organizationIndex[organizationId] = organizationIds.Count;
                organizationIds.Add(organizationId);
            }
            ids[count] = id;
            organizations[count] = organization;
            names.Advance(Encoding.UTF8.GetBytes(name, names.GetSpan(Encoding.UTF8.GetMaxByteCount(name.Length))));
            nameEnds[count] = names.WrittenCount;
            purposes[count] = (byte)purpose;
            kinds[count] = (byte)kind;
            expiresAt[count] = expires?.Ticks ?? 0;
            count++;
            return true;
        }

        public KeyIndex Build() => new(new Columns(Trim(hashes, count * HashBytes), Trim(ids, count), Trim(organizations, count), [.. organizationIds],
            names.WrittenSpan.ToArray(), Trim(nameEnds, count), Trim(purposes, count), Trim(kinds, count), Trim(expiresAt, count)), count);

        private static T[] Trim<T>(T[] array, int length) => array.Length == length ? array : array[..length];

        private void Grow()
        {
            var size = ids.Length * 2;
            Array.Resize(ref hashes, size * HashBytes);
            Array.Resize(ref ids, size);
            Array.Resize(ref organizations, size);
            Array.Resize(ref nameEnds, size);
            Array.Resize(ref purposes, size);
            Array.Resize(ref kinds, size);
            Array.Resize(ref expiresAt, size);
        }
    }
}
