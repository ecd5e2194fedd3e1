using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Rules;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>The database reads behind the snapshot and the stale-snapshot fallback.</summary>
public static class LayerQueries
{
    public static async Task<List<(SubjectKind Kind, Guid Id, AccessLayer Layer)>> NonActiveAsync(AccessConsoleDbContext db, CancellationToken ct)
    {
        var result = new List<(SubjectKind, Guid, AccessLayer)>();
        foreach (var o in await db.Organizations.AsNoTracking().Where(s => s.AccessState != AccessState.Active || s.AccessUntil != null).ToListAsync(ct))
            result.Add((SubjectKind.Organization, o.Id, o.ToLayer(SubjectKind.Organization, o.Id.ToString(), o.Name)));
        foreach (var k in await db.ApiKeys.AsNoTracking().Where(s => s.AccessState != AccessState.Active || s.AccessUntil != null).ToListAsync(ct))
            result.Add((SubjectKind.ApiKey, k.Id, k.ToLayer(SubjectKind.ApiKey, k.Id.ToString(), k.Name)));
        foreach (var i in await db.Integrations.AsNoTracking().Where(s => s.AccessState != AccessState.Active || s.AccessUntil != null).ToListAsync(ct))
            result.Add((SubjectKind.Integration, i.Id, i.ToLayer(SubjectKind.Integration, i.Id.ToString(), i.Name)));
        foreach (var u in await NonActiveUsesAsync(db, ct))
            result.Add((SubjectKind.OrganizationIntegration, u.Use.Id, u.Use.ToLayer(SubjectKind.OrganizationIntegration, u.Use.Id.ToString(), u.Name)));
        return result;
    }

    public static async Task<List<(OrganizationIntegration Use, string Name)>> NonActiveUsesAsync(AccessConsoleDbContext db, CancellationToken ct) =>
        (await db.OrganizationIntegrations.AsNoTracking().Where(s => s.AccessState != AccessState.Active || s.AccessUntil != null)
            .Join(db.Integrations, oi => oi.IntegrationId, i => i.Id, (oi, i) => new { Use = oi, Integration = i.Name })
            .Join(db.Organizations, x => x.Use.OrganizationId, o => o.Id, (x, o) => new { x.Use, x.Integration, Organization = o.Name })
            // Named as the audit trail names a use, so a layer reads the same whether it was loaded or followed from the trail.
            .ToListAsync(ct)).Select(x => (x.Use, SubjectNames.Through(x.Organization, x.Integration))).ToList();

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
