using System.Text.Json;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;

namespace AccessConsole.Web.Rules;

/// <summary>
/// A proposed change of a platform rule. Create and Change carry the rule's terms (name, scope, effect); Suspend,
/// Resume and Remove act on the rule as it is. Every change names the rule's version it was decided on.
/// </summary>
public sealed record RuleChangeRequest
{
    public required RuleChangeKind Kind { get; init; }

    /// <summary>The rule changed (null to create one).</summary>
    public Guid? RuleId { get; init; }

    public int ExpectedVersion { get; init; }

    public string? Name { get; init; }
    public RuleScope Scope { get; init; } = new();
    public bool Denies { get; init; }
    public Restriction? Restriction { get; init; }

    public string? ReasonCode { get; init; }
    public string? Justification { get; init; }
    public string? TicketReference { get; init; }
    public string? PolicyClause { get; init; }

    /// <summary>When the change takes effect once approved (null: as soon as it is approved).</summary>
    public DateTime? TakesEffectAt { get; init; }

    /// <summary>When the rule ends by itself (null: it stays until changed).</summary>
    public DateTime? Until { get; init; }

    public bool CarriesTerms => Kind is RuleChangeKind.Create or RuleChangeKind.Change;

    /// <summary>
    /// The same change as an access change, so that its reason, justification, references and restriction are
    /// checked by the rules every change is checked by: new terms read as a revocation (a denial) or a restriction,
    /// a suspension or removal as a restore, a resumption as a revocation (its terms are the rule's own, not checked again).
    /// </summary>
    public AccessChangeRequest AsAccessChange() => new()
    {
        Subject = new SubjectRef(SubjectKind.PlatformRule, RuleId ?? Guid.Empty),
        Kind = Kind switch
        {
            RuleChangeKind.Create or RuleChangeKind.Change => Denies ? ChangeKind.Revoke : ChangeKind.Restrict,
            RuleChangeKind.Resume => ChangeKind.Revoke,
            _ => ChangeKind.Restore,
        },
        ExpectedVersion = ExpectedVersion,
        ReasonCode = ReasonCode,
        Justification = Justification,
        TicketReference = TicketReference,
        PolicyClause = PolicyClause,
        Until = Until,
        Restriction = CarriesTerms && !Denies ? Restriction : null,
    };
}

/// <summary>What a rule change job holds until it is approved: the change and the rule's terms after it.</summary>
public sealed record RuleProposal(RuleChangeKind Kind, Guid RuleId, string Name, RuleScope Scope, bool Denies, Restriction? Restriction)
{
    public string ToJson() => JsonSerializer.Serialize(this, AccessSubjectConfiguration.Json);

    public static RuleProposal FromJson(string json) =>
        JsonSerializer.Deserialize<RuleProposal>(json, AccessSubjectConfiguration.Json) ?? throw new FormatException("A rule proposal was recorded as null.");
}

/// <summary>Names of the rule dialog's fields that messages attach to, beside the change's own (<see cref="ChangeFields"/>).</summary>
public static class RuleFields
{
    public const string Name = "RuleName";
    public const string Scope = "RuleScope";
    public const string Integration = "RuleIntegration";
    public const string Tags = "RuleTags";
}
