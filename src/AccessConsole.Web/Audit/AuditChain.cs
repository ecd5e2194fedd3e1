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
    public static IReadOnlyList<string> FieldNames { get; } =
    [
        "sequence", "eventId", "occurredAt", "actorId", "actorName", "actorRoles", "action",
        "subjectKind", "subjectId", "subjectName", "organizationId", "organizationName",
        "reasonCode", "justification", "ticketReference", "policyClause", "accessBefore", "accessAfter",
        "correlationId", "approverId", "approverName", "undoesSequence", "previousChangeSequence", "details",
        "previousHash",
    ];

    public static string Canonical(AuditEvent e) => Text(output => WriteCanonical(output, e).End());

    /// <summary>The JSON Lines form of an event: its canonical text with its stored hash added as the last member.</summary>
    public static string JsonLine(AuditEvent e) => Text(output => WriteJsonLine(output, e));

    /// <summary>Appends the JSON Lines form of an event, as UTF-8, to <paramref name="output"/>.</summary>
    public static void WriteJsonLine(ArrayBufferWriter<byte> output, AuditEvent e) =>
        WriteCanonical(output, e).String("hash"u8, e.Hash).End();

    internal static CanonicalJson WriteCanonical(ArrayBufferWriter<byte> output, AuditEvent e) => new CanonicalJson(output)
        .Number("sequence"u8, e.Sequence)
        .String("eventId"u8, e.EventId.ToString("D"))
        .String("occurredAt"u8, Time(e.OccurredAt))
        .String("actorId"u8, e.ActorId)
        .String("actorName"u8, e.ActorName)
        .String("actorRoles"u8, e.ActorRoles)
        .String("action"u8, e.Action)
        .String("subjectKind"u8, e.SubjectKind)
        .String("subjectId"u8, e.SubjectId)
        .String("subjectName"u8, e.SubjectName)
        .String("organizationId"u8, e.OrganizationId?.ToString("D"))
        .String("organizationName"u8, e.OrganizationName)
        .String("reasonCode"u8, e.ReasonCode)
        .String("justification"u8, e.Justification)
        .String("ticketReference"u8, e.TicketReference)
        .String("policyClause"u8, e.PolicyClause)
        .String("accessBefore"u8, e.AccessBefore)
        .String("accessAfter"u8, e.AccessAfter)
        .String("correlationId"u8, e.CorrelationId?.ToString("D"))
        .String("approverId"u8, e.ApproverId)
        .String("approverName"u8, e.ApproverName)
        .Number("undoesSequence"u8, e.UndoesSequence)
        .Number("previousChangeSequence"u8, e.PreviousChangeSequence)
        .String("details"u8, e.Details)
        .String("previousHash"u8, e.PreviousHash);

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
