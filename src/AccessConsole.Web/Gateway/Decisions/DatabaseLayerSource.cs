using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

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

        var nonActive = new List<(SubjectKind, Guid, AccessLayer)>();
        foreach (var o in await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToListAsync(ct))
            nonActive.Add((SubjectKind.Organization, o.Id, o.ToLayer(SubjectKind.Organization, o.Id.ToString(), o.Name)));
        foreach (var k in await db.ApiKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id)).ToListAsync(ct))
            nonActive.Add((SubjectKind.ApiKey, k.Id, k.ToLayer(SubjectKind.ApiKey, k.Id.ToString(), k.Name)));
        foreach (var i in await db.Integrations.AsNoTracking().ToListAsync(ct))
            nonActive.Add((SubjectKind.Integration, i.Id, i.ToLayer(SubjectKind.Integration, i.Id.ToString(), i.Name)));
        var uses = await db.OrganizationIntegrations.AsNoTracking().Where(u => organizationIds.Contains(u.OrganizationId))
            .Join(db.Integrations, oi => oi.IntegrationId, i => i.Id, (oi, i) => new { Use = oi, Integration = i.Name })
            .Join(db.Organizations, x => x.Use.OrganizationId, o => o.Id, (x, o) => new { x.Use, x.Integration, Organization = o.Name })
            .ToListAsync(ct);
        foreach (var u in uses)
        {
            var name = SubjectNames.Through(u.Organization, u.Integration);
            nonActive.Add((SubjectKind.OrganizationIntegration, u.Use.Id, u.Use.ToLayer(SubjectKind.OrganizationIntegration, u.Use.Id.ToString(), name)));
        }

        var source = new DatabaseLayerSource(keys) { Version = version };
        source.layers.SetRules(await LayerQueries.RulesAsync(db, ct));
        foreach (var (id, profile) in await LayerQueries.ProfilesAsync(db, organizationIds, ct)) source.layers.RememberProfile(id, profile);
        source.layers.Load(nonActive, uses.Select(u => (u.Use.Id, u.Use.OrganizationId, u.Use.IntegrationId)),
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
