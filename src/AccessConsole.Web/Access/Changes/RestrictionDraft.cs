using System.ComponentModel.DataAnnotations;

namespace AccessConsole.Web.Access.Changes;

public enum ClientScope
{
    [Display(Name = "Any client")] Any,
    [Display(Name = "First-party clients only")] FirstPartyOnly,
    [Display(Name = "Only the integrations ticked")] Listed,
}

/// <summary>
/// The restriction fields as a person edits them. A dimension with nothing ticked is not limited (allowing
/// nothing at all is what Revoke is for).
/// </summary>
public sealed class RestrictionDraft
{
    public IReadOnlyCollection<KeyPurpose> Purposes { get; set; } = [];
    public IReadOnlyCollection<string> ModelFamilies { get; set; } = [];
    public ClientScope Clients { get; set; }
    public IReadOnlyCollection<Guid> Integrations { get; set; } = [];
    public IReadOnlyCollection<CredentialKind> CredentialKinds { get; set; } = [];
    public int? RequestsPerMinute { get; set; }
    public int? TokensPerMinute { get; set; }

    public Restriction ToRestriction() => new()
    {
        Purposes = Purposes.Count > 0 ? Purposes.ToList() : null,
        ModelFamilies = ModelFamilies.Count > 0 ? ModelFamilies.ToList() : null,
        FirstPartyClientsOnly = Clients == ClientScope.FirstPartyOnly,
        Integrations = Clients == ClientScope.Listed ? Integrations.ToList() : null,
        CredentialKinds = CredentialKinds.Count > 0 ? CredentialKinds.ToList() : null,
        RequestsPerMinute = RequestsPerMinute,
        TokensPerMinute = TokensPerMinute,
    };

    /// <summary>Starts from the subject's current restriction, so that a change edits rather than retypes it.</summary>
    public static RestrictionDraft From(Restriction? current) => current is null ? new() : new()
    {
        Purposes = current.Purposes?.ToList() ?? [],
        ModelFamilies = current.ModelFamilies?.ToList() ?? [],
        Clients = current.FirstPartyClientsOnly ? ClientScope.FirstPartyOnly : current.Integrations is not null ? ClientScope.Listed : ClientScope.Any,
        Integrations = current.Integrations?.ToList() ?? [],
        CredentialKinds = current.CredentialKinds?.ToList() ?? [],
        RequestsPerMinute = current.RequestsPerMinute,
        TokensPerMinute = current.TokensPerMinute,
    };
}
