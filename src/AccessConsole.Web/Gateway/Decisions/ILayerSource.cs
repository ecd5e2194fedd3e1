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
}
