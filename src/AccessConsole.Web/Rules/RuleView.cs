using AccessConsole.Web.Access;
using AccessConsole.Web.Shared;

namespace AccessConsole.Web.Rules;

/// <summary>
/// A rule as the audit log records it before and after a change, and as the pages show it. <see cref="EndsAt"/>: when
/// the rule in force ends by itself (absent from events recorded before rules kept it).
/// </summary>
public sealed record RuleView(Guid Id, string Name, RuleState State, RuleScope Scope, bool Denies, Restriction? Restriction, int Version,
    string ReasonCode, string AuthorName, string? ApproverName, DateTime ChangedAt, long? AuditSequence, DateTime? EndsAt = null)
{
    public static RuleView Of(PlatformRule r) => new(r.Id, r.Name, r.State, r.Scope, r.Denies, r.Denies ? null : r.Restriction, r.Version,
        r.ReasonCode, r.AuthorName, r.ApproverName, r.ChangedAt, r.AuditSequence, r.EndsAt);

    [System.Text.Json.Serialization.JsonIgnore]
    public string EffectText => Denies ? "Denied" : "Restricted: " + RestrictionText.Describe(Restriction ?? Restriction.None);

    [System.Text.Json.Serialization.JsonIgnore]
    public string? EndsText => EndsAt is { } end ? $"ends {end:yyyy-MM-dd HH:mm} UTC" : null;
}

public static class RuleText
{
    /// <summary>A scope in words, for people: "tag competitor; through Glide IDE".</summary>
    public static string Describe(RuleScope scope, Func<Guid, string>? integrationName = null)
    {
        var parts = new List<string>();
        if (scope.Tags is { Count: > 0 } tags) parts.Add((tags.Count == 1 ? "tag " : "tags ") + string.Join(" or ", tags));
        if (scope.Tiers is { Count: > 0 } tiers) parts.Add((tiers.Count == 1 ? "tier " : "tiers ") + string.Join(", ", tiers));
        if (scope.CredentialKind is { } kind) parts.Add("credential kind " + kind.Label());
        if (scope.IntegrationId is { } id) parts.Add("through " + (integrationName?.Invoke(id) ?? id.ToString()));
        if (scope.ThirdPartyClients) parts.Add("through every third-party client");
        return parts.Count == 0 ? "every call" : string.Join("; ", parts);
    }
}

/// <summary>The details of a rule change's audit event: the rule before (null when created) and after.</summary>
public sealed record RuleChangeDetails(RuleView? Before, RuleView After)
{
    public static RuleChangeDetails? FromJson(string? json) =>
        json is null ? null : System.Text.Json.JsonSerializer.Deserialize<RuleChangeDetails>(json, AccessSubjectConfiguration.Json);
}
