using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AccessConsole.Web.Audit;

/// <summary>
/// The canonical serialization and hash of an audit event, as db/audit-format.md describes it: a JSON object
/// with the fields below in this order, no whitespace, times as UTC ISO 8601 with seven fractional digits,
/// absent values as null. An event's hash is the lower-case hex SHA-256 of that text's UTF-8 bytes, and the
/// text includes the previous event's hash, which chains the log.
/// </summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The names of the canonical members, in their order; exports add <c>hash</c> after them.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = [.. CanonicalMembers.All.Select(m => m.Name)];

    public static string Canonical(AuditEvent e) => Text(output => WriteCanonical(output, e).End());

    /// <summary>The JSON Lines form of an event: its canonical text with its stored hash added as the last member.</summary>
    public static string JsonLine(AuditEvent e) => Text(output => WriteJsonLine(output, e));

    /// <summary>Appends the JSON Lines form of an event, as UTF-8, to <paramref name="output"/>.</summary>
    public static void WriteJsonLine(ArrayBufferWriter<byte> output, AuditEvent e) =>
        WriteCanonical(output, e).String("hash"u8, e.Hash).End();

    internal static CanonicalJson WriteCanonical(ArrayBufferWriter<byte> output, AuditEvent e)
    {
        var json = new CanonicalJson(output);
        foreach (var member in CanonicalMembers.All) json = member.WriteTo(json, e);
        return json;
    }

    public static string ComputeHash(AuditEvent e)
    {
        var output = hashBuffer ??= new ArrayBufferWriter<byte>(4096);
        output.ResetWrittenCount();
        WriteCanonical(output, e).End();
        return Sha256Hex(output.WrittenSpan);
    }

    private static string Sha256Hex(ReadOnlySpan<byte> utf8)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, hash);
        return Convert.ToHexStringLower(hash);
    }

    // One buffer per thread: sealing and checking events is called from many requests at once.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? hashBuffer;

    private static string Text(Action<ArrayBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>(1024);
        write(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Links an event to its predecessor and seals it with its hash.</summary>
    public static void Seal(AuditEvent e, long sequence, string previousHash)
    {
        e.Sequence = sequence;
        e.PreviousHash = previousHash;
        e.Hash = ComputeHash(e);
    }

    public static string Time(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
