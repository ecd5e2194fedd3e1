using AccessConsole.Web.Access;
using AccessConsole.Web.Organizations;
using static AccessConsole.Tests.Access.AccessRequests;

namespace AccessConsole.Tests.Access;

/// <summary>Platform rules as one more layer: against every combination of the four layers' states, and by scope.</summary>
public sealed class EffectiveAccessRuleTests
{
    private static readonly AccessState[] States = [AccessState.Active, AccessState.Restricted, AccessState.Revoked];

    private static readonly Dictionary<SubjectKind, int> Caps = new()
    {
        [SubjectKind.Organization] = 400,
        [SubjectKind.ApiKey] = 300,
        [SubjectKind.Integration] = 200,
        [SubjectKind.OrganizationIntegration] = 100,
        [SubjectKind.PlatformRule] = 50,
    };

    private static readonly OrganizationProfile Competitor = new(Tier.Build, ["competitor", "ai-lab"]);

    /// <summary>No rule, a rule that caps, a rule that denies: crossed with every state of the four layers.</summary>
    public static TheoryData<AccessState, AccessState, AccessState, AccessState, AccessState?> AllCombinations()
    {
        var data = new TheoryData<AccessState, AccessState, AccessState, AccessState, AccessState?>();
        AccessState?[] rules = [null, AccessState.Restricted, AccessState.Revoked];
        foreach (var o in States)
            foreach (var k in States)
                foreach (var i in States)
                    foreach (var u in States)
                        foreach (var r in rules)
                            data.Add(o, k, i, u, r);
        return data;
    }

    [Fact]
    public void There_are_243_combinations() => Assert.Equal(243, AllCombinations().Count);

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void A_rule_in_scope_intersects_with_the_layers_and_its_denial_denies(
        AccessState organization, AccessState key, AccessState integration, AccessState use, AccessState? rule)
    {
        var states = new Dictionary<SubjectKind, AccessState>
        {
            [SubjectKind.Organization] = organization,
            [SubjectKind.ApiKey] = key,
            [SubjectKind.Integration] = integration,
            [SubjectKind.OrganizationIntegration] = use,
        };
        if (rule is { } r) states[SubjectKind.PlatformRule] = r;
        var denying = states.Where(s => s.Value == AccessState.Revoked).Select(s => s.Key).ToHashSet();
        var restricted = states.Where(s => s.Value == AccessState.Restricted).Select(s => s.Key).ToHashSet();

        var request = Request(
            Value(SubjectKind.Organization, organization), Value(SubjectKind.ApiKey, key),
            Value(SubjectKind.Integration, integration), Value(SubjectKind.OrganizationIntegration, use)) with
        {
            Profile = Competitor,
            Rules = rule is { } state ? [CompetitorsThroughGlide(Value(SubjectKind.PlatformRule, state))] : [],
        };
        var decision = EffectiveAccess.Evaluate(request);

        Assert.Equal(denying.Count == 0, decision.Allowed);
        if (denying.Count > 0)
        {
            Assert.Equal(denying, decision.Kinds().ToHashSet());
            Assert.Equal(denying.Count, decision.Denials.Count);
            Assert.All(decision.DecidedBy, d => Assert.Equal(d.Layer.Kind == SubjectKind.PlatformRule ? "denied" : "revoked", d.Effect));
            Assert.Equal(rule == AccessState.Revoked, decision.Denials.Contains("platform rule Competitors through Glide IDE denies it"));
        }
        else
        {
            Assert.Equal(restricted, decision.Kinds().ToHashSet());
            int? lowestCap = restricted.Count == 0 ? null : restricted.Min(k => Caps[k]);
            Assert.Equal(lowestCap, decision.Restriction.RequestsPerMinute);
        }
    }

    [Fact]
    public void A_denying_rule_names_its_reason_author_approver_and_audit_event()
    {
        var decision = EffectiveAccess.Evaluate(Request() with { Profile = Competitor, Rules = [CompetitorsThroughGlide(AccessValue.Revoked())] });

        var decider = Assert.Single(decision.DecidedBy);
        Assert.Equal(SubjectKind.PlatformRule, decider.Layer.Kind);
        Assert.Equal(new AccessProvenance("terms-competing-product", "Ada", Now.AddDays(-1), 42, "Grace"), decider.Layer.Provenance);
    }

    [Fact]
    public void A_rule_covers_only_the_calls_in_its_scope()
    {
        var rules = new[] { CompetitorsThroughGlide(AccessValue.Revoked()) };

        Assert.False(EffectiveAccess.Evaluate(Request() with { Profile = Competitor, Rules = rules }).Allowed);
        Assert.True(EffectiveAccess.Evaluate(Request(client: OtherThirdPartyClient) with { Profile = Competitor, Rules = rules }).Allowed);
        Assert.True(EffectiveAccess.Evaluate(Request() with { Profile = new(Tier.Build, ["reseller"]), Rules = rules }).Allowed);
        Assert.True(EffectiveAccess.Evaluate(Request() with { Profile = null, Rules = rules }).Allowed);
        // A key on its own, with no client: a rule about one client does not decide it.
        Assert.True(EffectiveAccess.Evaluate(Request(noClient: true) with { Profile = Competitor, Rules = rules }).Allowed);
    }

    [Theory]
    [InlineData(CredentialKind.SubscriptionOAuth, "Glide IDE", false, false)]
    [InlineData(CredentialKind.SubscriptionOAuth, "Loopwright", false, false)]
    [InlineData(CredentialKind.SubscriptionOAuth, "Atelier CLI", true, true)]
    [InlineData(CredentialKind.ApiKey, "Glide IDE", false, true)]
    [InlineData(CredentialKind.ApiKey, "Atelier CLI", true, true)]
    public void Subscription_credentials_only_through_first_party_clients(CredentialKind credential, string clientName, bool firstParty, bool allowed)
    {
        var client = new[] { ThirdPartyClient, OtherThirdPartyClient, FirstPartyClient }.Single(c => c.Name == clientName);
        Assert.Equal(firstParty, client.IsFirstParty);
        var rule = new RuleLayer(new RuleScope { CredentialKind = CredentialKind.SubscriptionOAuth, ThirdPartyClients = true },
            Layer(SubjectKind.PlatformRule, AccessValue.Revoked()));

        var decision = EffectiveAccess.Evaluate(Request(credential: credential, client: client) with { Rules = [rule] });

        Assert.Equal(allowed, decision.Allowed);
    }

    [Theory]
    [InlineData(Tier.Free, true)]
    [InlineData(Tier.Build, true)]
    [InlineData(Tier.Scale, false)]
    [InlineData(Tier.Enterprise, false)]
    public void A_rule_by_tier_restricts_the_tiers_it_names(Tier tier, bool covered)
    {
        var rule = new RuleLayer(new RuleScope { Tiers = [Tier.Free, Tier.Build] },
            Layer(SubjectKind.PlatformRule, Restricted(new Restriction { TokensPerMinute = 10_000 })));

        var decision = EffectiveAccess.Evaluate(Request(noClient: true) with { Profile = new(tier, []), Rules = [rule] });

        Assert.True(decision.Allowed);
        Assert.Equal(covered ? 10_000 : null, decision.Restriction.TokensPerMinute);
    }

    [Fact]
    public void A_rule_restriction_that_the_call_breaks_denies_it_in_words()
    {
        var rule = new RuleLayer(new RuleScope { Tags = ["competitor"] },
            Layer(SubjectKind.PlatformRule, Restricted(new Restriction { Purposes = [KeyPurpose.General] })));

        var decision = EffectiveAccess.Evaluate(Request(purpose: KeyPurpose.Benchmarking) with { Profile = Competitor, Rules = [rule] });

        AssertDeniedOnlyBy(decision, SubjectKind.PlatformRule, "platform rule the PlatformRule: purpose Benchmarking not allowed");
    }

    private static RuleLayer CompetitorsThroughGlide(AccessValue effect) => new(
        new RuleScope { Tags = ["Competitor"], IntegrationId = ThirdPartyClient.IntegrationId },
        new AccessLayer(SubjectKind.PlatformRule, "rule-id", "Competitors through Glide IDE", effect,
            new AccessProvenance("terms-competing-product", "Ada", Now.AddDays(-1), 42, "Grace")));

    private static AccessValue Value(SubjectKind kind, AccessState state) => state switch
    {
        AccessState.Active => AccessValue.Active,
        AccessState.Restricted => AccessValue.Restricted(new Restriction { RequestsPerMinute = Caps[kind] }),
        _ => AccessValue.Revoked(),
    };
}
