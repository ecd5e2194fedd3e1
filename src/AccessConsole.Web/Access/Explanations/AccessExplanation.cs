namespace AccessConsole.Web.Access.Explanations;

/// <summary>Whether a key works through one client, and why.</summary>
public sealed record ClientVerdict(Guid IntegrationId, string IntegrationName, AccessDecision Decision);

/// <summary>A key's effective access on its own, and through each client its organization uses.</summary>
public sealed record KeyExplanation(
    Guid KeyId, string KeyName, string Masked, KeyPurpose Purpose, CredentialKind CredentialKind,
    Guid OrganizationId, string OrganizationName, AccessDecision Decision, IReadOnlyList<ClientVerdict> Clients)
{
    public IEnumerable<ClientVerdict> WorksThrough => Clients.Where(c => c.Decision.Allowed);

    public IEnumerable<ClientVerdict> BlockedThrough => Clients.Where(c => !c.Decision.Allowed);

    /// <summary>The label of each reason code the answer cites, for people; the code stays in a tooltip.</summary>
    public IReadOnlyDictionary<string, string> ReasonLabels { get; init; } = new Dictionary<string, string>();
}

/// <summary>One integration the organization uses: for how many of its keys it works.</summary>
public sealed record IntegrationExplanation(Guid UseId, Guid IntegrationId, string Name, int AllowedKeys, int TotalKeys, IReadOnlyList<DecidingLayer> DecidedBy, IReadOnlyList<string> Denials);

public sealed record OrganizationExplanation(IReadOnlyList<KeyExplanation> Keys, IReadOnlyList<IntegrationExplanation> Integrations, int KeysNotShown)
{
    public IReadOnlyDictionary<string, string> ReasonLabels { get; init; } = new Dictionary<string, string>();
}
