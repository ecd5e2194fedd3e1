namespace AccessConsole.Web.Access;

/// <summary>Who set a subject's current access, and why: shown wherever a decision is explained.</summary>
public sealed record AccessProvenance(string? ReasonCode, string? ChangedBy, DateTime? ChangedAt, long? AuditSequence, string? ApprovedBy = null)
{
    public static AccessProvenance None { get; } = new(null, null, null, null);
}

/// <summary>One subject's access as input to the effective-access function.</summary>
public sealed record AccessLayer(SubjectKind Kind, string SubjectId, string SubjectName, AccessValue Access, AccessProvenance Provenance)
{
    public static AccessLayer ActiveLayer(SubjectKind kind, string id, string name) =>
        new(kind, id, name, AccessValue.Active, AccessProvenance.None);
}

/// <summary>The key presented, with the facts the rules need about it.</summary>
public sealed record KeyFacts(AccessLayer Layer, KeyPurpose Purpose, CredentialKind CredentialKind, DateTime? ExpiresAt);

/// <summary>The client (integration) a call came through, when the gateway could tell.</summary>
public sealed record ClientFacts(Guid IntegrationId, string Name, bool IsFirstParty);

/// <summary>
/// One call to evaluate: key K of organization O, through integration I, for model family M.
/// Client and model are optional: when absent, the answer says which clients and models remain allowed.
/// </summary>
public sealed record AccessRequest(
    AccessLayer Organization,
    KeyFacts Key,
    ClientFacts? Client,
    AccessLayer? Integration,
    AccessLayer? OrganizationIntegration,
    string? ModelFamily,
    DateTime Now)
{
    /// <summary>The platform rules in force; those whose scope covers this call take part as one more layer each.</summary>
    public IReadOnlyList<RuleLayer> Rules { get; init; } = [];

    /// <summary>The organization's tier and tags, which rules may be scoped by (null: unknown, so no such rule covers it).</summary>
    public OrganizationProfile? Profile { get; init; }
}
