using AccessConsole.Web.Access;
using static AccessConsole.Tests.Access.AccessRequests;

namespace AccessConsole.Tests.Access;

/// <summary>Allowed clients (first-party only, lists of integrations) and credential kinds across layers.</summary>
public sealed class EffectiveAccessClientTests
{
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
        AssertDeniedOnlyBy(throughHarness, allowed ? null : SubjectKind.Integration, "credential kind Subscription OAuth not allowed");
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
        AssertDeniedOnlyBy(decision, SubjectKind.ApiKey, "credential kind API key not allowed");
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
}
