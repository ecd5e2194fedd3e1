using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

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

    public static string Canonical(AuditEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", e.Sequence);
            json.WriteString("eventId", e.EventId.ToString("D"));
            json.WriteString("occurredAt", Time(e.OccurredAt));
            json.WriteString("actorId", e.ActorId);
            json.WriteString("actorName", e.ActorName);
            json.WriteString("actorRoles", e.ActorRoles);
            json.WriteString("action", e.Action);
            Write(json, "subjectKind", e.SubjectKind);
            Write(json, "subjectId", e.SubjectId);
            Write(json, "subjectName", e.SubjectName);
            Write(json, "organizationId", e.OrganizationId?.ToString("D"));
            Write(json, "organizationName", e.OrganizationName);
            Write(json, "reasonCode", e.ReasonCode);
            Write(json, "justification", e.Justification);
            Write(json, "ticketReference", e.TicketReference);
            Write(json, "policyClause", e.PolicyClause);
            Write(json, "accessBefore", e.AccessBefore);
            Write(json, "accessAfter", e.AccessAfter);
            Write(json, "correlationId", e.CorrelationId?.ToString("D"));
            Write(json, "approverId", e.ApproverId);
            Write(json, "approverName", e.ApproverName);
            Write(json, "undoesSequence", e.UndoesSequence);
            Write(json, "previousChangeSequence", e.PreviousChangeSequence);
            Write(json, "details", e.Details);
            json.WriteString("previousHash", e.PreviousHash);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string ComputeHash(AuditEvent e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>Links an event to its predecessor and seals it with its hash.</summary>
    public static void Seal(AuditEvent e, long sequence, string previousHash)
    {
        e.Sequence = sequence;
        e.PreviousHash = previousHash;
        e.Hash = ComputeHash(e);
    }

    public static string Time(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void Write(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static void Write(Utf8JsonWriter json, string name, long? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteNumber(name, value.Value);
    }
}
