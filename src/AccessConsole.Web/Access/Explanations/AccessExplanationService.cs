using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.Gateway.Decisions;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Access.Explanations;

/// <summary>
/// The "Why?" answers: each key's effective access and each client's, computed by <see cref="EffectiveAccess"/>
/// (the same function the gateways' decisions use) from the layers as they are now.
/// </summary>
public sealed class AccessExplanationService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock)
{
    public const int MaxKeys = 200;

    public async Task<OrganizationExplanation?> ExplainOrganizationAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null) return null;

        var totalKeys = await db.ApiKeys.CountAsync(k => k.OrganizationId == organizationId, cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.OrganizationId == organizationId)
            .OrderBy(k => k.Name).Take(MaxKeys).ToListAsync(cancellationToken);
        var uses = await UsesAsync(db, organizationId, cancellationToken);
        var rules = await RulesAsync(db, organizationId, cancellationToken);

        var labels = await ReasonLabelsAsync(db, cancellationToken);
        var explained = keys.Select(k => Explain(organization, k, uses, rules) with { ReasonLabels = labels }).ToList();
        var integrations = uses.Select(u => Summarize(u, explained)).ToList();
        return new OrganizationExplanation(explained, integrations, totalKeys - keys.Count) { ReasonLabels = labels };
    }

    public async Task<KeyExplanation?> ExplainKeyAsync(Guid keyId, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null) return null;
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == key.OrganizationId, cancellationToken);
        var rules = await RulesAsync(db, organization.Id, cancellationToken);
        return Explain(organization, key, await UsesAsync(db, organization.Id, cancellationToken), rules) with { ReasonLabels = await ReasonLabelsAsync(db, cancellationToken) };
    }

    /// <summary>Every reason's label, retired ones too: an answer may cite a reason that has since been retired.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ReasonLabelsAsync(AccessConsoleDbContext db, CancellationToken ct) =>
        await db.ReasonCodes.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Label, ct);

    private sealed record Rules(IReadOnlyList<RuleLayer> InForce, OrganizationProfile Profile);

    /// <summary>The rules in force and the organization's profile they are scoped by: the gateways' own reads.</summary>
    private static async Task<Rules> RulesAsync(AccessConsoleDbContext db, Guid organizationId, CancellationToken ct) => new(
        await LayerQueries.RulesAsync(db, ct), (await LayerQueries.ProfilesAsync(db, [organizationId], ct))[organizationId]);

    private sealed record Use(OrganizationIntegration Link, Integration Integration);

    private static async Task<List<Use>> UsesAsync(AccessConsoleDbContext db, Guid organizationId, CancellationToken ct) =>
        await db.OrganizationIntegrations.AsNoTracking().Where(oi => oi.OrganizationId == organizationId)
            .Join(db.Integrations.AsNoTracking(), oi => oi.IntegrationId, i => i.Id, (oi, i) => new { Link = oi, Integration = i })
            .OrderByDescending(u => u.Link.RecentRequests)
            .Select(u => new Use(u.Link, u.Integration))
            .ToListAsync(ct);

    private KeyExplanation Explain(Organization organization, ApiKey key, List<Use> uses, Rules rules)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var organizationLayer = organization.ToLayer(SubjectKind.Organization, organization.Id.ToString(), organization.Name);
        var keyFacts = new KeyFacts(key.ToLayer(SubjectKind.ApiKey, key.Id.ToString(), key.Name), key.Purpose, key.CredentialKind, key.ExpiresAt);

        var alone = EffectiveAccess.Evaluate(new AccessRequest(organizationLayer, keyFacts, null, null, null, null, now) { Rules = rules.InForce, Profile = rules.Profile });
        var clients = uses.Select(u => new ClientVerdict(u.Integration.Id, u.Integration.Name, EffectiveAccess.Evaluate(new AccessRequest(
            organizationLayer,
            keyFacts,
            new ClientFacts(u.Integration.Id, u.Integration.Name, u.Integration.IsFirstParty),
            u.Integration.ToLayer(SubjectKind.Integration, u.Integration.Id.ToString(), u.Integration.Name),
            u.Link.ToLayer(SubjectKind.OrganizationIntegration, u.Link.Id.ToString(), SubjectNames.Through(organization.Name, u.Integration.Name)),
            null,
            now) { Rules = rules.InForce, Profile = rules.Profile }))).ToList();
        return new KeyExplanation(key.Id, key.Name, key.Masked, key.Purpose, key.CredentialKind, organization.Id, organization.Name, alone, clients);
    }

    private static IntegrationExplanation Summarize(Use use, List<KeyExplanation> keys)
    {
        var verdicts = keys.Select(k => k.Clients.Single(c => c.IntegrationId == use.Integration.Id).Decision).ToList();
        var decidedBy = verdicts.SelectMany(v => v.DecidedBy)
            .GroupBy(l => (l.Layer.Kind, l.Layer.SubjectId, l.Effect)).Select(g => g.First()).ToList();
        var denials = verdicts.SelectMany(v => v.Denials).Distinct().ToList();
        return new IntegrationExplanation(use.Link.Id, use.Integration.Id, use.Integration.Name, verdicts.Count(v => v.Allowed), verdicts.Count, decidedBy, denials);
    }
}
