using System.Globalization;
using System.Text;

namespace AccessConsole.Web.Audit;

internal enum CanonicalKind { Integer, Text, Guid, Time }

/// <summary>One member of an event's canonical text (db/audit-format.md §1): its name, kind, whether it may be absent, and its value.</summary>
internal sealed class CanonicalMember
{
    private readonly Func<AuditEvent, long?>? number;
    private readonly Func<AuditEvent, string?> text;

    private CanonicalMember(string name, CanonicalKind kind, bool nullable, Func<AuditEvent, string?> text, Func<AuditEvent, long?>? number = null)
    {
        Name = name;
        Utf8Name = Encoding.UTF8.GetBytes(name);
        Kind = kind;
        Nullable = nullable;
        this.text = text;
        this.number = number;
    }

    public string Name { get; }
    public byte[] Utf8Name { get; }
    public CanonicalKind Kind { get; }
    public bool Nullable { get; }

    /// <summary>The value as the canonical text writes it, unquoted; null when absent.</summary>
    public string? Text(AuditEvent e) => text(e);

    public CanonicalJson WriteTo(CanonicalJson json, AuditEvent e) =>
        number is null ? json.String(Utf8Name, text(e)) : json.Number(Utf8Name, number(e));

    public static CanonicalMember Integer(string name, Func<AuditEvent, long?> value, bool nullable = true) =>
        new(name, CanonicalKind.Integer, nullable, e => value(e)?.ToString(CultureInfo.InvariantCulture), value);

    public static CanonicalMember String(string name, Func<AuditEvent, string?> value, bool nullable = true) =>
        new(name, CanonicalKind.Text, nullable, value);

    public static CanonicalMember Guid(string name, Func<AuditEvent, Guid?> value, bool nullable = true) =>
        new(name, CanonicalKind.Guid, nullable, e => value(e)?.ToString("D"));

    public static CanonicalMember Time(string name, Func<AuditEvent, DateTime> value) =>
        new(name, CanonicalKind.Time, false, e => AuditChain.Time(value(e)));
}

/// <summary>The canonical members in their order: the one list that the hash, the exports and the SQLite reader all follow.</summary>
internal static class CanonicalMembers
{
    public static IReadOnlyList<CanonicalMember> All { get; } =
    [
        CanonicalMember.Integer("sequence", e => e.Sequence, nullable: false),
        CanonicalMember.Guid("eventId", e => e.EventId, nullable: false),
        CanonicalMember.Time("occurredAt", e => e.OccurredAt),
        CanonicalMember.String("actorId", e => e.ActorId, nullable: false),
        CanonicalMember.String("actorName", e => e.ActorName, nullable: false),
        CanonicalMember.String("actorRoles", e => e.ActorRoles, nullable: false),
        CanonicalMember.String("action", e => e.Action, nullable: false),
        CanonicalMember.String("subjectKind", e => e.SubjectKind),
        CanonicalMember.String("subjectId", e => e.SubjectId),
        CanonicalMember.String("subjectName", e => e.SubjectName),
        CanonicalMember.Guid("organizationId", e => e.OrganizationId),
        CanonicalMember.String("organizationName", e => e.OrganizationName),
        CanonicalMember.String("reasonCode", e => e.ReasonCode),
        CanonicalMember.String("justification", e => e.Justification),
        CanonicalMember.String("ticketReference", e => e.TicketReference),
        CanonicalMember.String("policyClause", e => e.PolicyClause),
        CanonicalMember.String("accessBefore", e => e.AccessBefore),
        CanonicalMember.String("accessAfter", e => e.AccessAfter),
        CanonicalMember.Guid("correlationId", e => e.CorrelationId),
        CanonicalMember.String("approverId", e => e.ApproverId),
        CanonicalMember.String("approverName", e => e.ApproverName),
        CanonicalMember.Integer("undoesSequence", e => e.UndoesSequence),
        CanonicalMember.Integer("previousChangeSequence", e => e.PreviousChangeSequence),
        CanonicalMember.String("details", e => e.Details),
        CanonicalMember.String("previousHash", e => e.PreviousHash, nullable: false),
    ];
}
