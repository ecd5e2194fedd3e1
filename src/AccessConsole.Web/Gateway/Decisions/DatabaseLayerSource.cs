using AccessConsole.Web.Access;
using AccessConsole.Web.Data;

namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>
/// The layers for one batch of questions read straight from the database: what decisions use when the snapshot is
/// older than its bound, so that nothing is ever decided on stale access.
/// </summary>
public sealed class DatabaseLayerSource : ILayerSource
{
    private readonly Dictionary<string, KeyEntry> keys;
    private readonly AccessSnapshot layers = new();

    private DatabaseLayerSource(Dictionary<string, KeyEntry> keys) => this.keys = keys;

    public long Version { get; private set; }

    public static async Task<DatabaseLayerSource> LoadAsync(AccessConsoleDbContext db, IReadOnlyCollection<string> hashes, DateTime now, CancellationToken ct)
    {
        var version = await LayerQueries.HeadSequenceAsync(db, ct);
        var keys = await LayerQueries.KeysAsync(db, hashes, ct);
        var organizationIds = keys.Values.Select(k => k.OrganizationId).Distinct().ToList();
        var keyIds = keys.Values.Select(k => k.Id).ToList();

        var read = await LayerQueries.LayersAsync(db, LayerSelection.ForKeys(organizationIds, keyIds), ct);

        var source = new DatabaseLayerSource(keys) { Version = version };
        source.layers.SetRules(await LayerQueries.RulesAsync(db, ct));
        foreach (var (id, profile) in await LayerQueries.ProfilesAsync(db, organizationIds, ct)) source.layers.RememberProfile(id, profile);
        source.layers.Load(read.Layers, read.Uses,
            await LayerQueries.CatalogAsync(db, ct), version, now);
        return source;
    }

    public KeyEntry? Key(string hash) => keys.GetValueOrDefault(hash);

    public AccessLayer Layer(SubjectKind kind, Guid id, string name) => layers.Layer(kind, id, name);

    public AccessLayer UseLayer(Guid organizationId, Guid integrationId, string name) => layers.UseLayer(organizationId, integrationId, name);

    public IntegrationEntry? IntegrationForClient(string clientId) => layers.IntegrationForClient(clientId);

    public IReadOnlyList<RuleLayer> Rules => layers.Rules;

    public OrganizationProfile? Profile(Guid organizationId) => layers.Profile(organizationId);
}
