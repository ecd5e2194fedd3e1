using AccessConsole.Web.Access;

namespace AccessConsole.Tests.Access;

/// <summary>Builds effective-access requests for the pure rules: every layer Active unless a test says otherwise.</summary>
internal static class AccessRequests
{
    public static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    public static readonly ClientFacts ThirdPartyClient = new(Guid.Parse("00000000-0000-0000-0000-00000000000a"), "Glide IDE", false);
    public static readonly ClientFacts OtherThirdPartyClient = new(Guid.Parse("00000000-0000-0000-0000-00000000000b"), "Loopwright", false);
    public static readonly ClientFacts FirstPartyClient = new(Guid.Parse("00000000-0000-0000-0000-00000000000c"), "Atelier CLI", true);
    public static readonly ClientFacts OtherFirstPartyClient = new(Guid.Parse("00000000-0000-0000-0000-00000000000d"), "Atelier Web", true);

    public static AccessLayer Layer(SubjectKind kind, AccessValue access, AccessProvenance? provenance = null) =>
        new(kind, kind.ToString().ToLowerInvariant() + "-id", "the " + kind, access, provenance ?? AccessProvenance.None);

    public static AccessValue Restricted(Restriction restriction) => AccessValue.Restricted(restriction);

    public static AccessRequest Request(
        AccessValue? organization = null,
        AccessValue? key = null,
        AccessValue? integration = null,
        AccessValue? use = null,
        KeyPurpose purpose = KeyPurpose.General,
        CredentialKind credential = CredentialKind.ApiKey,
        DateTime? expiresAt = null,
        ClientFacts? client = null,
        bool noClient = false,
        string? model = null)
    {
        var through = noClient ? null : client ?? ThirdPartyClient;
        return new AccessRequest(
            Layer(SubjectKind.Organization, organization ?? AccessValue.Active),
            new KeyFacts(Layer(SubjectKind.ApiKey, key ?? AccessValue.Active), purpose, credential, expiresAt),
            through,
            through is null ? null : Layer(SubjectKind.Integration, integration ?? AccessValue.Active),
            through is null ? null : Layer(SubjectKind.OrganizationIntegration, use ?? AccessValue.Active),
            model,
            Now);
    }

    public static IEnumerable<SubjectKind> Kinds(this AccessDecision decision) => decision.DecidedBy.Select(d => d.Layer.Kind);

    /// <summary>Asserts the call is allowed (no denier) or denied by exactly one layer, with one denial containing the text.</summary>
    public static void AssertDeniedOnlyBy(AccessDecision decision, SubjectKind? denier, string denialText)
    {
        if (denier is null)
        {
            Assert.True(decision.Allowed);
            Assert.Empty(decision.Denials);
            return;
        }
        Assert.False(decision.Allowed);
        var denial = Assert.Single(decision.Denials);
        Assert.Contains(denialText, denial);
        var deciders = decision.DecidedBy.Where(d => d.Effect != "restricted" && !d.Effect.StartsWith("restricted:", StringComparison.Ordinal)).ToList();
        Assert.Equal(denier, Assert.Single(deciders).Layer.Kind);
    }
}
