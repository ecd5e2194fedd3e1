using AccessConsole.Web.Access;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Integrations;

namespace AccessConsole.Web.Organizations;

public sealed record OrganizationDetails(
    Guid Id,
    string Name,
    Tier Tier,
    string AccountManager,
    DateTime CreatedAt,
    IReadOnlyList<string> Domains,
    IReadOnlyList<string> Tags,
    AccessValue Access,
    int AccessVersion,
    AccessProvenance Provenance,
    int KeyCount,
    IReadOnlyList<IntegrationUseRow> Integrations,
    IReadOnlyList<UsagePoint> DailyUsage,
    IReadOnlyList<PendingChange> Pending,
    string? ReasonLabel);

public sealed record KeyRow(
    Guid Id,
    string Name,
    string Masked,
    KeyPurpose Purpose,
    CredentialKind CredentialKind,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime? LastUsedAt,
    DateTime? ExpiresAt,
    AccessValue Access,
    int AccessVersion,
    AccessProvenance Provenance)
{
    /// <summary>Past its expiry when read: every call with it is denied, whatever its access says.</summary>
    public bool Expired { get; init; }
}

public sealed record IntegrationUseRow(
    Guid Id,
    Guid IntegrationId,
    string IntegrationName,
    IntegrationKind Kind,
    bool IsFirstParty,
    DateTime FirstSeenAt,
    DateTime LastSeenAt,
    long RecentRequests,
    AccessValue Access,
    int AccessVersion,
    AccessProvenance Provenance,
    AccessValue IntegrationAccess,
    AccessProvenance IntegrationProvenance);

public sealed record UsagePoint(DateTime Day, long Requests, long Tokens);
