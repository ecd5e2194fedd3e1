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

    public static string Canonical(AuditEvent e) => Members(e).ToString();

    /// <summary>The JSON Lines form of an event: its canonical text with its stored hash added as the last member.</summary>
    public static string JsonLine(AuditEvent e) => Members(e).String("hash", e.Hash).ToString();

    private static CanonicalJson Members(AuditEvent e) => new CanonicalJson()
        .Number("sequence", e.Sequence)
        .String("eventId", e.EventId.ToString("D"))
        .String("occurredAt", Time(e.OccurredAt))
        .String("actorId", e.ActorId)
        .String("actorName", e.ActorName)
        .String("actorRoles", e.ActorRoles)
        .String("action", e.Action)
        .String("subjectKind", e.SubjectKind)
        .String("subjectId", e.SubjectId)
        .String("subjectName", e.SubjectName)
        .String("organizationId", e.OrganizationId?.ToString("D"))
        .String("organizationName", e.OrganizationName)
        .String("reasonCode", e.ReasonCode)
        .String("justification", e.Justification)
        .String("ticketReference", e.TicketReference)
        .String("policyClause", e.PolicyClause)
        .String("accessBefore", e.AccessBefore)
        .String("accessAfter", e.AccessAfter)
        .String("correlationId", e.CorrelationId?.ToString("D"))
        .String("approverId", e.ApproverId)
        .String("approverName", e.ApproverName)
        .Number("undoesSequence", e.UndoesSequence)
        .Number("previousChangeSequence", e.PreviousChangeSequence)
        .String("details", e.Details)
        .String("previousHash", e.PreviousHash);

    public static string ComputeHash(AuditEvent e) => Sha256Hex(Canonical(e));

    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

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
