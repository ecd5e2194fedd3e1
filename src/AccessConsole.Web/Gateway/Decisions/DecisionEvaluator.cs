using AccessConsole.Web.Access;

namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>Turns a gateway's question into an <see cref="AccessRequest"/> and asks <see cref="EffectiveAccess"/>: one implementation.</summary>
public static class DecisionEvaluator
{
    public static DecisionAnswer Decide(ILayerSource source, DecisionItem item, DateTime now)
    {
        var hash = item.KeyHash!.ToLowerInvariant();
        if (source.Key(hash) is not { } key)
        {
            return new DecisionAnswer(hash, "deny", View(Restriction.None), [], ["unknown key"], source.Version);
        }

        var organization = source.Layer(SubjectKind.Organization, key.OrganizationId, key.OrganizationId.ToString());
        var keyFacts = new KeyFacts(source.Layer(SubjectKind.ApiKey, key.Id, key.Name), key.Purpose, key.CredentialKind, key.ExpiresAt);
        ClientFacts? client = null;
        AccessLayer? integrationLayer = null, useLayer = null;
        if (!string.IsNullOrEmpty(item.ClientId))
        {
            var integration = source.IntegrationForClient(item.ClientId);
            client = integration is null
                ? new ClientFacts(Guid.Empty, item.ClientId, IsFirstParty: false)
                : new ClientFacts(integration.Id, integration.Name, integration.IsFirstParty);
            if (integration is not null)
            {
                integrationLayer = source.Layer(SubjectKind.Integration, integration.Id, integration.Name);
                useLayer = source.UseLayer(key.OrganizationId, integration.Id, integration.Name);
            }
        }

        var decision = EffectiveAccess.Evaluate(new AccessRequest(organization, keyFacts, client, integrationLayer, useLayer, item.ModelFamily, now)
        {
            Rules = source.Rules,
            Profile = source.Profile(key.OrganizationId),
        });
        return new DecisionAnswer(hash, decision.Allowed ? "allow" : "deny", View(decision.Restriction),
            decision.DecidedBy.Select(d => new LayerView(d.Layer.Kind.ToString(), d.Layer.SubjectId, d.Layer.SubjectName, d.Layer.Access.State.ToString(),
                d.Effect, d.Layer.Provenance.ReasonCode, d.Layer.Provenance.AuditSequence, d.Layer.Provenance.ChangedBy, d.Layer.Provenance.ApprovedBy,
                d.Layer.Access.Until)).ToList(),
            decision.Denials, source.Version);
    }

    private static RestrictionView View(Restriction r) => new(
        r.Purposes?.Select(p => p.ToString()).ToList(), r.ModelFamilies, r.FirstPartyClientsOnly, r.Integrations,
        r.CredentialKinds?.Select(k => k.ToString()).ToList(), r.RequestsPerMinute, r.TokensPerMinute);
}
