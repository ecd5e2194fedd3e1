using System.Linq.Expressions;
using AccessConsole.Web.Access;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Data;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Rules;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>The layers read, and each use's organization and integration (for the uses among them).</summary>
public sealed record SubjectLayers(
    List<(SubjectKind Kind, Guid Id, AccessLayer Layer)> Layers, List<(Guid Use, Guid Organization, Guid Integration)> Uses);

/// <summary>Which subjects' layers to read, one filter per kind.</summary>
public sealed record LayerSelection(
    Expression<Func<Organization, bool>> Organizations,
    Expression<Func<ApiKey, bool>> Keys,
    Expression<Func<Integration, bool>> Integrations,
    Expression<Func<OrganizationIntegration, bool>> Uses)
{
    /// <summary>What the snapshot holds: every subject that is not plainly active (a plain active layer changes nothing).</summary>
    public static LayerSelection NotPlainlyActive { get; } =
        new(NotPlainlyActiveOne<Organization>(), NotPlainlyActiveOne<ApiKey>(), NotPlainlyActiveOne<Integration>(), NotPlainlyActiveOne<OrganizationIntegration>());

    /// <summary>What one batch of questions needs: the keys asked about, their organizations and uses, every integration.</summary>
    public static LayerSelection ForKeys(IReadOnlyCollection<Guid> organizationIds, IReadOnlyCollection<Guid> keyIds) =>
        new(o => organizationIds.Contains(o.Id), k => keyIds.Contains(k.Id), i => true, u => organizationIds.Contains(u.OrganizationId));

    private static Expression<Func<T, bool>> NotPlainlyActiveOne<T>() where T : AccessSubject =>
        s => s.AccessState != AccessState.Active || s.AccessUntil != null;
}

/// <summary>The database reads behind the snapshot and the stale-snapshot fallback.</summary>
public static class LayerQueries
{
    /// <summary>
    /// The layers of the subjects chosen, each named as the audit trail names it (so a layer reads the same whether it
    /// was loaded or followed from the trail), and the organization and integration of each use read.
    /// </summary>
    public static async Task<SubjectLayers> LayersAsync(AccessConsoleDbContext db, LayerSelection which, CancellationToken ct)
    {
        var layers = new List<(SubjectKind, Guid, AccessLayer)>();
        foreach (var o in await db.Organizations.AsNoTracking().Where(which.Organizations).ToListAsync(ct))
            layers.Add((SubjectKind.Organization, o.Id, o.ToLayer(SubjectKind.Organization, o.Id.ToString(), o.Name)));
        foreach (var k in await db.ApiKeys.AsNoTracking().Where(which.Keys).ToListAsync(ct))
            layers.Add((SubjectKind.ApiKey, k.Id, k.ToLayer(SubjectKind.ApiKey, k.Id.ToString(), k.Name)));
        foreach (var i in await db.Integrations.AsNoTracking().Where(which.Integrations).ToListAsync(ct))
            layers.Add((SubjectKind.Integration, i.Id, i.ToLayer(SubjectKind.Integration, i.Id.ToString(), i.Name)));
        var uses = await db.OrganizationIntegrations.AsNoTracking().Where(which.Uses)
            .Join(db.Integrations, oi => oi.IntegrationId, i => i.Id, (oi, i) => new { Use = oi, Integration = i.Name })
            .Join(db.Organizations, x => x.Use.OrganizationId, o => o.Id, (x, o) => new { x.Use, x.Integration, Organization = o.Name })
            .ToListAsync(ct);
        foreach (var u in uses)
        {
            var name = SubjectNames.Through(u.Organization, u.Integration);
            layers.Add((SubjectKind.OrganizationIntegration, u.Use.Id, u.Use.ToLayer(SubjectKind.OrganizationIntegration, u.Use.Id.ToString(), name)));
        }
        return new(layers, uses.Select(u => (u.Use.Id, u.Use.OrganizationId, u.Use.IntegrationId)).ToList());
    }

    public static async Task<List<IntegrationEntry>> CatalogAsync(AccessConsoleDbContext db, CancellationToken ct) =>
        (await db.Integrations.AsNoTracking().ToListAsync(ct))
            .Select(i => new IntegrationEntry(i.Id, i.Name, i.IsFirstParty, i.ClientIdentifiers)).ToList();

    public static async Task<Dictionary<string, KeyEntry>> KeysAsync(AccessConsoleDbContext db, IReadOnlyCollection<string> hashes, CancellationToken ct)
    {
        // One hash (the usual miss) as a parameter: a list is written into the SQL, which is then built and prepared anew each time.
        var only = hashes.Count == 1 ? hashes.First() : null;
        var keys = only is null ? db.ApiKeys.Where(k => hashes.Contains(k.SecretHash)) : db.ApiKeys.Where(k => k.SecretHash == only);
        return await keys.AsNoTracking()
            .Select(k => new { k.SecretHash, Entry = new KeyEntry(k.Id, k.OrganizationId, k.Name, k.Purpose, k.CredentialKind, k.ExpiresAt) })
            .ToDictionaryAsync(x => x.SecretHash, x => x.Entry, StringComparer.Ordinal, ct);
    }

    /// <summary>The platform rules in force, as the effective-access function takes them.</summary>
    public static async Task<List<RuleLayer>> RulesAsync(AccessConsoleDbContext db, CancellationToken ct) =>
        (await db.PlatformRules.AsNoTracking().Where(r => r.State == RuleState.Active).OrderBy(r => r.Name).ToListAsync(ct))
            .Select(r => r.ToRuleLayer()!).ToList();

    /// <summary>The tier and tags of the organizations given, for rules scoped by them.</summary>
    public static async Task<Dictionary<Guid, OrganizationProfile>> ProfilesAsync(AccessConsoleDbContext db, IReadOnlyCollection<Guid> organizationIds, CancellationToken ct)
    {
        var tiers = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).Select(o => new { o.Id, o.Tier }).ToListAsync(ct);
        var tags = (await db.OrganizationTags.AsNoTracking().Where(t => organizationIds.Contains(t.OrganizationId)).ToListAsync(ct))
            .ToLookup(t => t.OrganizationId, t => t.Tag);
        return tiers.ToDictionary(o => o.Id, o => new OrganizationProfile(o.Tier, tags[o.Id].ToList()));
    }

    public static async Task<long> HeadSequenceAsync(AccessConsoleDbContext db, CancellationToken ct) =>
        await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
}
