using AccessConsole.Web.Access;
using static AccessConsole.Tests.Access.AccessRequests;

namespace AccessConsole.Tests.Access;

/// <summary>How the restrictions of several layers combine, and what the answer says about it.</summary>
public sealed class EffectiveAccessRestrictionTests
{
    [Theory]
    [InlineData(KeyPurpose.Benchmarking, true, null)]
    [InlineData(KeyPurpose.General, false, SubjectKind.ApiKey)]
    [InlineData(KeyPurpose.SafetyEvaluation, false, SubjectKind.Organization)]
    public void Purposes_intersect(KeyPurpose purpose, bool allowed, SubjectKind? denier)
    {
        var decision = EffectiveAccess.Evaluate(Request(
            organization: Restricted(new Restriction { Purposes = [KeyPurpose.General, KeyPurpose.Benchmarking] }),
            key: Restricted(new Restriction { Purposes = [KeyPurpose.Benchmarking, KeyPurpose.SafetyEvaluation] }),
            purpose: purpose));

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal([KeyPurpose.Benchmarking], decision.Restriction.Purposes);
        AssertDeniedOnlyBy(decision, denier, $"purpose {purpose} not allowed");
    }

    [Theory]
    [InlineData("sonnet", true, null)]
    [InlineData(" Sonnet ", true, null)]
    [InlineData("haiku", false, SubjectKind.Integration)]
    [InlineData("opus", false, SubjectKind.Organization)]
    public void Model_families_intersect(string model, bool allowed, SubjectKind? denier)
    {
        var decision = EffectiveAccess.Evaluate(Request(
            organization: Restricted(new Restriction { ModelFamilies = ["haiku", "sonnet"] }),
            integration: Restricted(new Restriction { ModelFamilies = ["sonnet", "opus"] }),
            model: model));

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(["sonnet"], decision.Restriction.ModelFamilies);
        AssertDeniedOnlyBy(decision, denier, "model family");
    }

    [Fact]
    public void Allowed_client_lists_intersect()
    {
        var organization = Restricted(new Restriction { Integrations = [ThirdPartyClient.IntegrationId, OtherThirdPartyClient.IntegrationId] });
        var use = Restricted(new Restriction { Integrations = [ThirdPartyClient.IntegrationId, FirstPartyClient.IntegrationId] });

        var through = EffectiveAccess.Evaluate(Request(organization: organization, use: use, client: ThirdPartyClient));
        var notInOrganizationList = EffectiveAccess.Evaluate(Request(organization: organization, use: use, client: FirstPartyClient));
        var notInUseList = EffectiveAccess.Evaluate(Request(organization: organization, use: use, client: OtherThirdPartyClient));

        Assert.True(through.Allowed);
        Assert.Equal([ThirdPartyClient.IntegrationId], through.Restriction.Integrations);
        AssertDeniedOnlyBy(notInOrganizationList, SubjectKind.Organization, "not in the allowed clients");
        AssertDeniedOnlyBy(notInUseList, SubjectKind.OrganizationIntegration, "not in the allowed clients");
    }

    [Theory]
    [InlineData("first-party", true)]
    [InlineData("other first-party", false)]
    [InlineData("third-party in the list", false)]
    public void First_party_only_combines_with_a_client_list(string clientName, bool allowed)
    {
        var client = clientName switch
        {
            "first-party" => FirstPartyClient,
            "other first-party" => OtherFirstPartyClient,
            _ => ThirdPartyClient,
        };
        var decision = EffectiveAccess.Evaluate(Request(
            organization: Restricted(new Restriction { FirstPartyClientsOnly = true }),
            key: Restricted(new Restriction { Integrations = [FirstPartyClient.IntegrationId, ThirdPartyClient.IntegrationId] }),
            client: client));

        Assert.Equal(allowed, decision.Allowed);
        Assert.True(decision.Restriction.FirstPartyClientsOnly);
        Assert.Equal(new[] { FirstPartyClient.IntegrationId, ThirdPartyClient.IntegrationId }.Order(), decision.Restriction.Integrations);
    }

    [Fact]
    public void First_party_only_refuses_a_third_party_client_and_names_it()
    {
        var decision = EffectiveAccess.Evaluate(Request(organization: Restricted(new Restriction { FirstPartyClientsOnly = true }), client: ThirdPartyClient));

        AssertDeniedOnlyBy(decision, SubjectKind.Organization, "client Glide IDE not allowed (first-party clients only)");
    }

    [Theory]
    [InlineData(CredentialKind.ApiKey, true)]
    [InlineData(CredentialKind.SubscriptionOAuth, false)]
    public void A_third_party_integration_restricted_to_api_keys_refuses_subscription_tokens(CredentialKind credential, bool allowed)
    {
        // Scenario 4: subscription tokens only through the provider's own clients, set on the integration (globally).
        var integration = Restricted(new Restriction { CredentialKinds = [CredentialKind.ApiKey] });

        var throughHarness = EffectiveAccess.Evaluate(Request(integration: integration, credential: credential, client: ThirdPartyClient));
        var throughOwnClient = EffectiveAccess.Evaluate(Request(credential: credential, client: FirstPartyClient));

        Assert.Equal(allowed, throughHarness.Allowed);
        AssertDeniedOnlyBy(throughHarness, allowed ? null : SubjectKind.Integration, "credential kind SubscriptionOAuth not allowed");
        Assert.True(throughOwnClient.Allowed);
    }

    [Fact]
    public void Credential_kinds_intersect()
    {
        var decision = EffectiveAccess.Evaluate(Request(
            organization: Restricted(new Restriction { CredentialKinds = [CredentialKind.ApiKey, CredentialKind.SubscriptionOAuth] }),
            key: Restricted(new Restriction { CredentialKinds = [CredentialKind.SubscriptionOAuth] }),
            credential: CredentialKind.ApiKey));

        Assert.Equal([CredentialKind.SubscriptionOAuth], decision.Restriction.CredentialKinds);
        AssertDeniedOnlyBy(decision, SubjectKind.ApiKey, "credential kind ApiKey not allowed");
    }

    [Fact]
    public void Caps_take_the_minimum_of_each_and_never_deny()
    {
        var decision = EffectiveAccess.Evaluate(Request(
            organization: Restricted(new Restriction { RequestsPerMinute = 500 }),
            key: Restricted(new Restriction { RequestsPerMinute = 1_000, TokensPerMinute = 20_000 }),
            integration: Restricted(new Restriction { TokensPerMinute = 90_000 }),
            use: Restricted(new Restriction { RequestsPerMinute = 200 })));

        Assert.True(decision.Allowed);
        Assert.Equal(200, decision.Restriction.RequestsPerMinute);
        Assert.Equal(20_000, decision.Restriction.TokensPerMinute);
    }

    [Theory]
    [InlineData(-60, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(60 * 24 * 30, true)]
    public void A_key_past_its_expiry_is_denied_and_one_expiring_later_is_not(int minutesFromNow, bool allowed)
    {
        var decision = EffectiveAccess.Evaluate(Request(expiresAt: Now.AddMinutes(minutesFromNow)));

        Assert.Equal(allowed, decision.Allowed);
        AssertDeniedOnlyBy(decision, allowed ? null : SubjectKind.ApiKey, "key expired");
    }

    [Fact]
    public void Without_a_client_or_model_the_call_is_allowed_and_the_remaining_limits_are_reported()
    {
        var decision = EffectiveAccess.Evaluate(Request(
            organization: Restricted(new Restriction { FirstPartyClientsOnly = true, ModelFamilies = ["haiku"] }),
            noClient: true));

        Assert.True(decision.Allowed);
        Assert.Equal("Allowed with restrictions", decision.Summary);
        Assert.True(decision.Restriction.FirstPartyClientsOnly);
        Assert.Equal(["haiku"], decision.Restriction.ModelFamilies);
        var layer = Assert.Single(decision.DecidedBy);
        Assert.Equal(SubjectKind.Organization, layer.Layer.Kind);
        Assert.Equal("restricted: models haiku; first-party clients only", layer.Effect);
    }

    [Fact]
    public void The_deciding_layer_is_named_with_its_reason_person_and_audit_event()
    {
        var provenance = new AccessProvenance("terms-competing-product", "Dana Whitfield", Now.AddDays(-2), 42);
        var request = Request() with
        {
            Organization = new AccessLayer(SubjectKind.Organization, "org-1", "Northwind AI Labs",
                Restricted(new Restriction { Purposes = [KeyPurpose.Benchmarking, KeyPurpose.SafetyEvaluation] }), provenance),
        };

        var decision = EffectiveAccess.Evaluate(request);

        Assert.False(decision.Allowed);
        var decider = Assert.Single(decision.DecidedBy);
        Assert.Equal("Northwind AI Labs", decider.Layer.SubjectName);
        Assert.Equal(provenance, decider.Layer.Provenance);
        Assert.Equal("organization Northwind AI Labs: purpose General not allowed (allows Benchmarking, SafetyEvaluation)", Assert.Single(decision.Denials));
    }

    [Fact]
    public void A_revoked_layer_denies_whatever_the_restrictions_allow()
    {
        var decision = EffectiveAccess.Evaluate(Request(
            organization: Restricted(new Restriction { RequestsPerMinute = 10 }),
            use: AccessValue.Revoked()));

        Assert.False(decision.Allowed);
        Assert.Equal([SubjectKind.OrganizationIntegration], decision.Kinds());
        Assert.Equal("use of the OrganizationIntegration is revoked", Assert.Single(decision.Denials));
    }

    [Fact]
    public void Model_families_that_do_not_overlap_deny_even_without_a_model()
    {
        var decision = EffectiveAccess.Evaluate(Request(
            organization: Restricted(new Restriction { ModelFamilies = ["haiku"] }),
            integration: Restricted(new Restriction { ModelFamilies = ["opus"] })));

        Assert.False(decision.Allowed);
        Assert.Empty(decision.Restriction.ModelFamilies!);
        Assert.Equal("the restrictions of the layers together allow nothing", Assert.Single(decision.Denials));
    }

    [Fact]
    public void Client_lists_that_do_not_overlap_deny_even_without_a_client()
    {
        var decision = EffectiveAccess.Evaluate(Request(
            organization: Restricted(new Restriction { Integrations = [ThirdPartyClient.IntegrationId] }),
            key: Restricted(new Restriction { Integrations = [FirstPartyClient.IntegrationId] }),
            noClient: true));

        Assert.False(decision.Allowed);
        Assert.Empty(decision.Restriction.Integrations!);
    }

    private static void AssertDeniedOnlyBy(AccessDecision decision, SubjectKind? denier, string denialText)
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
