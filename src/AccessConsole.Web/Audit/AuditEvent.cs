using AccessConsole.Web.Security;

namespace AccessConsole.Web.Audit;

/// <summary>
/// One entry of the append-only, hash-chained audit log. Never updated or deleted: the DbContext refuses it
/// and database triggers refuse it too.
/// </summary>
public class AuditEvent
{
    public AuditEvent()
    {
    }

    /// <summary>A new event: what <paramref name="actor"/> did and when, with their roles as they stood then.</summary>
    public AuditEvent(Actor actor, DateTime occurredAt, string action)
    {
        OccurredAt = occurredAt;
        (ActorId, ActorName, ActorRoles) = (actor.Id, actor.Name, string.Join(",", actor.Roles));
        Action = action;
    }

    /// <summary>Gapless, starting at 1, assigned under the chain-head lock.</summary>
    public long Sequence { get; set; }

    public Guid EventId { get; set; }
    public DateTime OccurredAt { get; set; }

    public string ActorId { get; set; } = "";
    public string ActorName { get; set; } = "";

    /// <summary>Comma-separated roles of the actor at the time.</summary>
    public string ActorRoles { get; set; } = "";

    public string Action { get; set; } = "";

    public string? SubjectKind { get; set; }
    public string? SubjectId { get; set; }
    public string? SubjectName { get; set; }
    public Guid? OrganizationId { get; set; }
    public string? OrganizationName { get; set; }

    public string? ReasonCode { get; set; }
    public string? Justification { get; set; }
    public string? TicketReference { get; set; }
    public string? PolicyClause { get; set; }

    /// <summary>The access before and after, as JSON (null for events that change no access).</summary>
    public string? AccessBefore { get; set; }
    public string? AccessAfter { get; set; }

    /// <summary>Shared by the events of one bulk change or one approval.</summary>
    public Guid? CorrelationId { get; set; }

    public string? ApproverId { get; set; }
    public string? ApproverName { get; set; }

    /// <summary>For a restore: the change it undid.</summary>
    public long? UndoesSequence { get; set; }

    /// <summary>For a change: the change that a later restore would undo after this one.</summary>
    public long? PreviousChangeSequence { get; set; }

    /// <summary>Further facts of non-access events (an export's filter and count, for example), as JSON.</summary>
    public string? Details { get; set; }

    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
