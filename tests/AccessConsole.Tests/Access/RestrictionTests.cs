using AccessConsole.Web.Access;

namespace AccessConsole.Tests.Access;

public sealed class RestrictionTests
{
    [Fact]
    public void No_limit_intersected_with_a_limit_is_that_limit()
    {
        var limit = new Restriction { Purposes = [KeyPurpose.Benchmarking], ModelFamilies = ["haiku"], CredentialKinds = [CredentialKind.ApiKey], TokensPerMinute = 5 };

        Assert.Equal(limit, Restriction.None.Intersect(limit));
        Assert.Equal(limit, limit.Intersect(Restriction.None));
    }

    [Fact]
    public void Lists_are_kept_sorted_distinct_and_lower_case_so_equal_limits_compare_equal()
    {
        var a = new Restriction { ModelFamilies = ["Sonnet", "haiku", "sonnet "], Purposes = [KeyPurpose.SafetyEvaluation, KeyPurpose.Benchmarking] };
        var b = new Restriction { ModelFamilies = ["haiku", "sonnet"], Purposes = [KeyPurpose.Benchmarking, KeyPurpose.SafetyEvaluation] };

        Assert.Equal(b, a);
        Assert.Equal(["haiku", "sonnet"], a.ModelFamilies);
    }

    [Fact]
    public void Intersection_is_the_tightest_of_each_field()
    {
        var a = new Restriction { FirstPartyClientsOnly = true, RequestsPerMinute = 10, TokensPerMinute = 1_000, CredentialKinds = [CredentialKind.ApiKey, CredentialKind.SubscriptionOAuth] };
        var b = new Restriction { RequestsPerMinute = 50, TokensPerMinute = 100, CredentialKinds = [CredentialKind.SubscriptionOAuth] };

        var both = a.Intersect(b);

        Assert.Equal(new Restriction { FirstPartyClientsOnly = true, RequestsPerMinute = 10, TokensPerMinute = 100, CredentialKinds = [CredentialKind.SubscriptionOAuth] }, both);
        Assert.Equal(both, b.Intersect(a));
    }

    [Fact]
    public void An_access_value_survives_its_json_form()
    {
        var value = AccessValue.Restricted(new Restriction
        {
            Purposes = [KeyPurpose.Benchmarking],
            ModelFamilies = ["opus"],
            FirstPartyClientsOnly = true,
            Integrations = [Guid.Parse("5f0c2d0e-8d56-4a44-a5d0-3c1b2a9e7f11")],
            CredentialKinds = [CredentialKind.ApiKey],
            RequestsPerMinute = 60,
            TokensPerMinute = 6_000,
        }, new DateTime(2027, 1, 2, 3, 4, 5, DateTimeKind.Utc));

        Assert.Equal(value, AccessJson.Deserialize(AccessJson.Serialize(value)));
        Assert.Equal(AccessValue.Revoked(), AccessJson.Deserialize(AccessJson.Serialize(AccessValue.Revoked())));
    }
}
