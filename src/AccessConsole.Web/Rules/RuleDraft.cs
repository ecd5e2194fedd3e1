using System.ComponentModel.DataAnnotations;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Organizations;

namespace AccessConsole.Web.Rules;

public enum RuleClients
{
    [Display(Name = "Any client")] Any,
    [Display(Name = "One integration")] One,
    [Display(Name = "Every third-party client")] ThirdParty,
}

/// <summary>A rule's terms as a person edits them in the dialog.</summary>
public sealed class RuleDraft
{
    public string? Name { get; set; }

    /// <summary>Tags separated by commas; the rule covers an organization carrying any of them.</summary>
    public string? TagsText { get; set; }

    public IReadOnlyCollection<Tier> Tiers { get; set; } = [];
    public RuleClients Clients { get; set; }
    public Guid? IntegrationId { get; set; }
    public CredentialKind? CredentialKind { get; set; }
    public bool Denies { get; set; } = true;
    public RestrictionDraft Restriction { get; set; } = new();

    public RuleScope Scope => new()
    {
        Tags = TagsText?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } tags ? tags : null,
        Tiers = Tiers.Count > 0 ? Tiers.ToList() : null,
        IntegrationId = Clients == RuleClients.One ? IntegrationId : null,
        ThirdPartyClients = Clients == RuleClients.ThirdParty,
        CredentialKind = CredentialKind,
    };

    public RuleChangeRequest ToRequest(RuleChangeKind kind, RuleView? rule, ChangeReasonFields.Values why) => new()
    {
        Kind = kind,
        RuleId = rule?.Id,
        ExpectedVersion = rule?.Version ?? 0,
        Name = Name,
        Scope = Scope,
        Denies = Denies,
        Restriction = Denies ? null : Restriction.ToRestriction(),
        ReasonCode = why.ReasonCode,
        Justification = why.Justification,
        TicketReference = why.Ticket,
        PolicyClause = why.PolicyClause,
        TakesEffectAt = why.TakesEffect,
        Until = EndsByItself(kind) ? why.Until : null,
    };

    /// <summary>A rule put in force may end by itself; a suspension or removal is permanent until changed again.</summary>
    public static bool EndsByItself(RuleChangeKind kind) => kind is RuleChangeKind.Create or RuleChangeKind.Change or RuleChangeKind.Resume;

    /// <summary>Starts from a rule's terms, so that a change edits rather than retypes them.</summary>
    public static RuleDraft From(RuleView? rule) => rule is null ? new() : new()
    {
        Name = rule.Name,
        TagsText = rule.Scope.Tags is { } tags ? string.Join(", ", tags) : null,
        Tiers = rule.Scope.Tiers?.ToList() ?? [],
        Clients = rule.Scope.IntegrationId is not null ? RuleClients.One : rule.Scope.ThirdPartyClients ? RuleClients.ThirdParty : RuleClients.Any,
        IntegrationId = rule.Scope.IntegrationId,
        CredentialKind = rule.Scope.CredentialKind,
        Denies = rule.Denies,
        Restriction = RestrictionDraft.From(rule.Restriction),
    };
}
