using AccessConsole.Web.Access;

namespace AccessConsole.Web.Rules;

public enum RuleState
{
    Active,
    Suspended,
    Removed,
}

public enum RuleChangeKind
{
    Create,
    Change,
    Suspend,
    Resume,
    Remove,
}

/// <summary>
/// A platform rule: a layer of access above every organization, for every call its scope covers, today's
/// subjects and those added later alike. Its effect is a denial or a restriction of the same shape as any
/// subject's. Changed only through <see cref="PlatformRuleService"/>, each change approved by a second person;
/// the reason, author, approver and audit event of the change that set it are kept on it, as on a subject.
/// </summary>
public class PlatformRule
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public RuleScope Scope { get; set; } = new();

    /// <summary>True: the calls in scope are denied; false: they are restricted by <see cref="Restriction"/>.</summary>
    public bool Denies { get; set; }

    public Restriction? Restriction { get; set; }
    public RuleState State { get; set; }

    /// <summary>Incremented by every change; a change names the version it was decided on.</summary>
    public int Version { get; set; }

    public string ReasonCode { get; set; } = "";
    public string Justification { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public string? ApproverId { get; set; }
    public string? ApproverName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ChangedAt { get; set; }

    /// <summary>The audit event of the change that made the rule what it is now.</summary>
    public long? AuditSequence { get; set; }

    /// <summary>
    /// When the rule in force ends by itself (UTC), as the change that put it in force said; null: it stays until
    /// changed. Its end is applied by the removal scheduled with that change; this is what the layer says of it.
    /// </summary>
    public DateTime? EndsAt { get; set; }

    /// <summary>What the rule does to the calls in scope while it is in force, and until when, as a timed restriction says it.</summary>
    public AccessValue Effect => Denies ? AccessValue.Revoked(EndsAt) : AccessValue.Restricted(Restriction ?? Restriction.None, EndsAt);

    /// <summary>The rule as the effective-access function takes it, or null when it is not in force.</summary>
    public RuleLayer? ToRuleLayer() => State != RuleState.Active ? null : new RuleLayer(Scope, new AccessLayer(
        SubjectKind.PlatformRule, Id.ToString(), Name, Effect, new AccessProvenance(ReasonCode, AuthorName, ChangedAt, AuditSequence, ApproverName)));
}
