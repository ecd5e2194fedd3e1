using AccessConsole.Web.Access;

namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>Where a decision reads the layers from: the in-memory snapshot, or the database when it is stale.</summary>
public interface ILayerSource
{
    /// <summary>The audit sequence the layers are current to.</summary>
    long Version { get; }

    KeyEntry? Key(string hash);

    AccessLayer Layer(SubjectKind kind, Guid id, string name);

    AccessLayer UseLayer(Guid organizationId, Guid integrationId, string name);

    IntegrationEntry? IntegrationForClient(string clientId);

    /// <summary>The platform rules in force.</summary>
    IReadOnlyList<RuleLayer> Rules { get; }

    /// <summary>An organization's tier and tags, when a rule in force is scoped by them and the organization is known.</summary>
    OrganizationProfile? Profile(Guid organizationId);
}
