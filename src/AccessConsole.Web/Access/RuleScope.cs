using System.Text.Json.Serialization;
using AccessConsole.Web.Organizations;

namespace AccessConsole.Web.Access;

/// <summary>What the platform rules need to know of an organization: its tier and its tags.</summary>
public sealed record OrganizationProfile(Tier Tier, IReadOnlyList<string> Tags);

/// <summary>
/// Which calls a platform rule covers. Every condition given must hold; a null condition holds for every call.
/// Tags: the organization carries at least one of them. A client condition holds only for a call whose client is
/// known, so a rule about clients never decides a key's access on its own.
/// </summary>
public sealed record RuleScope
{
    private readonly IReadOnlyList<string>? tags;
    private readonly IReadOnlyList<Tier>? tiers;

    public IReadOnlyList<string>? Tags
    {
        get => tags;
        init => tags = value?.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().Order().ToArray();
    }

    public IReadOnlyList<Tier>? Tiers { get => tiers; init => tiers = value?.Distinct().Order().ToArray(); }

    /// <summary>One integration the rule covers calls through.</summary>
    public Guid? IntegrationId { get; init; }

    /// <summary>The rule covers calls through every integration that is not a first-party client.</summary>
    public bool ThirdPartyClients { get; init; }

    public CredentialKind? CredentialKind { get; init; }

    [JsonIgnore]
    public bool IsEmpty =>
        Tags is not { Count: > 0 } && Tiers is not { Count: > 0 } && IntegrationId is null && !ThirdPartyClients && CredentialKind is null;

    [JsonIgnore]
    public bool NamesClients => IntegrationId is not null || ThirdPartyClients;

    public bool Covers(OrganizationProfile? organization, KeyFacts key, ClientFacts? client)
    {
        if (Tags is { Count: > 0 } && (organization is null || !organization.Tags.Any(t => Tags.Contains(t, StringComparer.OrdinalIgnoreCase)))) return false;
        if (Tiers is { Count: > 0 } && (organization is null || !Tiers.Contains(organization.Tier))) return false;
        if (CredentialKind is { } kind && key.CredentialKind != kind) return false;
        if (IntegrationId is { } integration && client?.IntegrationId != integration) return false;
        if (ThirdPartyClients && client is not { IsFirstParty: false }) return false;
        return true;
    }

    public bool Equals(RuleScope? other) =>
        other is not null && Same(Tags, other.Tags) && Same(Tiers, other.Tiers) && IntegrationId == other.IntegrationId
        && ThirdPartyClients == other.ThirdPartyClients && CredentialKind == other.CredentialKind;

    public override int GetHashCode() => HashCode.Combine(Tags?.Count, Tiers?.Count, IntegrationId, ThirdPartyClients, CredentialKind);

    private static bool Same<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);
}

/// <summary>
/// A platform rule in force, as input to the effective-access function: its scope and its layer (Revoked for a
/// denial, Restricted for a restriction), with the provenance of the change that put it in force.
/// </summary>
public sealed record RuleLayer(RuleScope Scope, AccessLayer Layer);
