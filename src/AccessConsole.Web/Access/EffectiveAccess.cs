using AccessConsole.Web.Shared;

namespace AccessConsole.Web.Access;

/// <summary>A layer that took part in a decision, and what it contributed.</summary>
public sealed record DecidingLayer(AccessLayer Layer, string Effect);

public sealed record AccessDecision(bool Allowed, Restriction Restriction, IReadOnlyList<DecidingLayer> DecidedBy, IReadOnlyList<string> Denials)
{
    public string Summary => Allowed
        ? (Restriction.IsEmpty ? "Allowed" : "Allowed with restrictions")
        : "Denied: " + string.Join("; ", Denials);
}

/// <summary>
/// The one function that decides whether a call is allowed: used by the status panel, the "why" explanation
/// and the decision API alike. Denied if any layer is revoked, a platform rule covering the call denies it, or the
/// key has expired; otherwise every restricted layer's restriction (the covering rules' too) combines by
/// intersection and the request is checked against the result.
/// </summary>
public static class EffectiveAccess
{
    public static AccessDecision Evaluate(AccessRequest request)
    {
        var layers = LayersOf(request).ToList();
        var decidedBy = new List<DecidingLayer>();
        var denials = new List<string>();

        if (request.Key.ExpiresAt is { } expires && expires <= request.Now)
        {
            denials.Add($"key expired at {expires:yyyy-MM-dd HH:mm} UTC");
            decidedBy.Add(new(request.Key.Layer, "expired"));
        }

        foreach (var layer in layers.Where(l => l.Access.State == AccessState.Revoked))
        {
            var isRule = layer.Kind == SubjectKind.PlatformRule;
            denials.Add(isRule ? $"{Describe(layer)} denies it" : $"{Describe(layer)} is revoked");
            decidedBy.Add(new(layer, isRule ? "denied" : "revoked"));
        }

        var combined = Restriction.None;
        foreach (var layer in layers.Where(l => l.Access.State == AccessState.Restricted))
        {
            combined = combined.Intersect(layer.Access.Restriction ?? Restriction.None);
        }

        if (denials.Count == 0)
        {
            CheckRequest(request, layers, combined, decidedBy, denials);
        }

        return new AccessDecision(denials.Count == 0, combined, decidedBy, denials);
    }

    private static IEnumerable<AccessLayer> LayersOf(AccessRequest request)
    {
        yield return request.Organization;
        yield return request.Key.Layer;
        if (request.Integration is not null) yield return request.Integration;
        if (request.OrganizationIntegration is not null) yield return request.OrganizationIntegration;
        foreach (var rule in request.Rules)
        {
            if (rule.Scope.Covers(request.Profile, request.Key, request.Client)) yield return rule.Layer;
        }
    }

    private static void CheckRequest(AccessRequest request, List<AccessLayer> layers, Restriction combined, List<DecidingLayer> decidedBy, List<string> denials)
    {
        foreach (var layer in layers.Where(l => l.Access.State == AccessState.Restricted))
        {
            var r = layer.Access.Restriction ?? Restriction.None;
            var effects = new List<string>();
            if (r.Purposes is { } purposes && !purposes.Contains(request.Key.Purpose))
            {
                effects.Add($"purpose {request.Key.Purpose.Label()} not allowed (allows {Join(purposes.Select(p => p.Label()))})");
            }
            if (r.CredentialKinds is { } kinds && !kinds.Contains(request.Key.CredentialKind))
            {
                effects.Add($"credential kind {request.Key.CredentialKind.Label()} not allowed (allows {Join(kinds.Select(k => k.Label()))})");
            }
            if (request.Client is { } client)
            {
                if (r.FirstPartyClientsOnly && !client.IsFirstParty)
                {
                    effects.Add($"client {client.Name} not allowed (first-party clients only)");
                }
                if (r.Integrations is { } allowed && !allowed.Contains(client.IntegrationId))
                {
                    effects.Add($"client {client.Name} not in the allowed clients");
                }
            }
            if (request.ModelFamily is { } model && r.ModelFamilies is { } families
                && !families.Contains(model.Trim().ToLowerInvariant()))
            {
                effects.Add($"model family {model} not allowed (allows {Join(families)})");
            }

            denials.AddRange(effects.Select(e => $"{Describe(layer)}: {e}"));
            decidedBy.Add(new(layer, effects.Count > 0 ? string.Join("; ", effects) : "restricted: " + RestrictionText.Describe(r)));
        }

        if (combined.Purposes is { Count: 0 } || combined.CredentialKinds is { Count: 0 }
            || combined.ModelFamilies is { Count: 0 } || combined.Integrations is { Count: 0 })
        {
            if (denials.Count == 0) denials.Add("the restrictions of the layers together allow nothing");
        }
    }

    private static string Describe(AccessLayer layer) => layer.Kind switch
    {
        SubjectKind.Organization => $"organization {layer.SubjectName}",
        SubjectKind.ApiKey => $"key {layer.SubjectName}",
        SubjectKind.Integration => $"integration {layer.SubjectName}",
        SubjectKind.PlatformRule => $"platform rule {layer.SubjectName}",
        _ => $"use of {layer.SubjectName}",
    };

    private static string Join<T>(IEnumerable<T> values) => string.Join(", ", values);
}
