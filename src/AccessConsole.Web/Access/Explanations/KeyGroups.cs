namespace AccessConsole.Web.Access.Explanations;

/// <summary>Keys that get the same answer, read once: the answer of the first, and the keys it applies to.</summary>
public sealed record KeyGroup(IReadOnlyList<KeyExplanation> Keys)
{
    public KeyExplanation First => Keys[0];

    /// <summary>Plain full access through every client the organization uses: the answer nobody asks "why" about.</summary>
    public bool IsPlainAccess => First.Decision is { Allowed: true, Restriction.IsEmpty: true, DecidedBy.Count: 0 } && !First.BlockedThrough.Any();
}

/// <summary>
/// Groups the keys of a Why answer. Keys share a group when everything the answer says about them is the same: the
/// decision, the layers behind it (with their provenance) and what works or is blocked through each client.
/// Groups that say something other than plain access come first (denied, then restricted or blocked through some
/// client), so that the keys a person asks about lead; then by the first key's name.
/// </summary>
public static class KeyGroups
{
    public static IReadOnlyList<KeyGroup> Of(IEnumerable<KeyExplanation> keys) =>
        keys.GroupBy(Answer)
            .Select(g => new KeyGroup(g.OrderBy(k => k.KeyName, StringComparer.Ordinal).ToList()))
            .OrderBy(g => g.IsPlainAccess)
            .ThenBy(g => g.First.Decision.Allowed)
            .ThenBy(g => g.First.KeyName, StringComparer.Ordinal)
            .ToList();

    /// <summary>What the answer says of a key, apart from the key's own name and facts.</summary>
    private static string Answer(KeyExplanation key)
    {
        var parts = new List<string> { Decision(key.Decision) };
        parts.Add("works:" + string.Join(",", key.WorksThrough.Select(c => c.IntegrationId)));
        if (key.Decision.Allowed) parts.AddRange(key.BlockedThrough.Select(c => $"blocked:{c.IntegrationId}:{string.Join(";", c.Decision.Denials)}"));
        return string.Join("\n", parts);
    }

    private static string Decision(AccessDecision decision) =>
        $"{decision.Allowed}|{RestrictionText.Describe(decision.Restriction)}|{string.Join(";", decision.Denials)}|"
        + string.Join(";", decision.DecidedBy.Select(l => $"{l.Layer.Kind}:{l.Layer.SubjectId}:{l.Effect}:{l.Layer.Provenance}"));
}
