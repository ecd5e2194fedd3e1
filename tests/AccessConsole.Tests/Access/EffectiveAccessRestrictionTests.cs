using AccessConsole.Web.Access;
using AccessConsole.Web.Shared;
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
        AssertDeniedOnlyBy(decision, denier, $"purpose {purpose.Label()} not allowed");
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
        Assert.Equal("organization Northwind AI Labs: purpose General not allowed (allows Benchmarking, Safety evaluation)", Assert.Single(decision.Denials));
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
}
