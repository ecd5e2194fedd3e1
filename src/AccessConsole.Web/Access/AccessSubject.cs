namespace AccessConsole.Web.Access;

/// <summary>
/// The access columns that organizations, keys, integrations and organization-integrations all carry.
/// The provenance (reason, who, when, audit event) is kept on the subject so that explaining a decision
/// needs no search of the audit log.
/// </summary>
public abstract class AccessSubject
{
    public AccessState AccessState { get; set; }
    public Restriction? Restriction { get; set; }
    public DateTime? AccessUntil { get; set; }

    /// <summary>Incremented by every change; a change names the version it was decided on.</summary>
    public int AccessVersion { get; set; }

    public string? AccessReasonCode { get; set; }
    public string? AccessChangedBy { get; set; }
    public DateTime? AccessChangedAt { get; set; }

    /// <summary>The audit event that set the current access.</summary>
    public long? AccessSetBySequence { get; set; }

    /// <summary>The change that a Restore would undo next (null: nothing left to undo).</summary>
    public long? AccessUndoSequence { get; set; }

    public AccessValue Access => AccessOf(AccessState, Restriction, AccessUntil);

    /// <summary>The access of a subject from its columns (for queries that project rows rather than read subjects).</summary>
    public static AccessValue AccessOf(AccessState state, Restriction? restriction, DateTime? until) =>
        new(state, state == AccessState.Restricted ? restriction : null, until);

    public AccessProvenance Provenance => new(AccessReasonCode, AccessChangedBy, AccessChangedAt, AccessSetBySequence);

    public AccessLayer ToLayer(SubjectKind kind, string id, string name) => new(kind, id, name, Access, Provenance);
}
