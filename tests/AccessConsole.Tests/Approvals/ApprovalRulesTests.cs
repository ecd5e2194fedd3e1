using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Organizations;

namespace AccessConsole.Tests.Approvals;

/// <summary>The rules alone, on facts made up for each case.</summary>
public sealed class ApprovalRulesTests
{
    private static readonly ApprovalRules Defaults = new(new ApprovalSettings());

    private static SubjectFacts Org(Tier tier, AccessState state = AccessState.Active, string? reason = null, string name = "Acme") =>
        new(SubjectKind.Organization, name, tier, state, reason);

    [Fact]
    public void Revoking_an_Enterprise_organization_needs_approval_and_restricting_it_does_not()
    {
        Assert.Equal(["revoking an Enterprise organization (Acme)"], Defaults.Apply(ChangeKind.Revoke, [Org(Tier.Enterprise)], isBulk: false));
        Assert.Empty(Defaults.Apply(ChangeKind.Restrict, [Org(Tier.Enterprise)], isBulk: false));
        Assert.Empty(Defaults.Apply(ChangeKind.Revoke, [Org(Tier.Scale)], isBulk: false));
    }

    [Fact]
    public void Revoking_an_Enterprise_organizations_use_of_one_integration_is_not_revoking_the_organization()
    {
        var use = new SubjectFacts(SubjectKind.OrganizationIntegration, "Acme through Glide IDE", null, AccessState.Active, null);

        Assert.Empty(Defaults.Apply(ChangeKind.Revoke, [use], isBulk: false));
    }

    [Theory]
    [InlineData(25, false)]
    [InlineData(26, true)]
    public void A_bulk_change_over_25_subjects_needs_approval(int subjects, bool needed)
    {
        var facts = Enumerable.Range(0, subjects).Select(i => Org(Tier.Build, name: $"Org {i}")).ToList();

        var rules = Defaults.Apply(ChangeKind.Restrict, facts, isBulk: true);

        string[] expected = needed ? [$"a bulk change of {subjects} subjects (more than 25)"] : [];
        Assert.Equal(expected, rules);
    }

    [Fact]
    public void Restoring_an_organization_revoked_under_a_terms_reason_needs_approval_and_under_another_reason_not()
    {
        Assert.Equal(["restoring an organization revoked under a terms reason (Acme)"],
            Defaults.Apply(ChangeKind.Restore, [Org(Tier.Build, AccessState.Revoked, "terms-competing-product")], isBulk: false));
        Assert.Empty(Defaults.Apply(ChangeKind.Restore, [Org(Tier.Build, AccessState.Revoked, "non-payment")], isBulk: false));
        Assert.Empty(Defaults.Apply(ChangeKind.Restore, [Org(Tier.Build, AccessState.Restricted, "terms-resale")], isBulk: false));
    }

    [Fact]
    public void A_bulk_change_names_each_rule_that_applies_and_a_few_of_the_subjects()
    {
        var facts = Enumerable.Range(0, 30).Select(i => Org(Tier.Enterprise, name: $"Org {i}")).ToList();

        var rules = Defaults.Apply(ChangeKind.Revoke, facts, isBulk: true);

        Assert.Equal(["a bulk change of 30 subjects (more than 25)", "revoking an Enterprise organization (Org 0, Org 1, Org 2 and 27 more)"], rules);
    }

    [Fact]
    public void The_rules_follow_their_configuration()
    {
        var rules = new ApprovalRules(new ApprovalSettings
        {
            RevokeEnterpriseOrganization = false, BulkSubjectsOver = 0, TermsReasonsStartWith = ["security-"],
        });
        var noRestoreRule = new ApprovalRules(new ApprovalSettings { RestoreRevokedUnderTerms = false });

        Assert.Empty(rules.Apply(ChangeKind.Revoke, [Org(Tier.Enterprise)], isBulk: false));
        Assert.Equal(["a bulk change of 1 subject (more than 0)"], rules.Apply(ChangeKind.Restrict, [Org(Tier.Free)], isBulk: true));
        Assert.Empty(rules.Apply(ChangeKind.Restore, [Org(Tier.Build, AccessState.Revoked, "terms-resale")], isBulk: false));
        Assert.NotEmpty(rules.Apply(ChangeKind.Restore, [Org(Tier.Build, AccessState.Revoked, "security-key-exposed")], isBulk: false));
        Assert.Empty(noRestoreRule.Apply(ChangeKind.Restore, [Org(Tier.Build, AccessState.Revoked, "terms-resale")], isBulk: false));
    }

    [Fact]
    public void Unset_terms_prefixes_mean_terms_and_a_blank_one_is_a_problem()
    {
        Assert.Equal(["terms-"], new ApprovalSettings().TermsReasonPrefixes);
        Assert.Contains(new ApprovalSettings { TermsReasonsStartWith = [" "] }.Problems(), p => p.Contains("must not hold an empty prefix"));
    }

    [Theory]
    [InlineData(-1, 72, "BulkSubjectsOver must be 0 or more")]
    [InlineData(25, 0, "RequestLifetime must be more than zero")]
    public void Bad_settings_are_named(int bulkOver, int hours, string problem)
    {
        var settings = new ApprovalSettings { BulkSubjectsOver = bulkOver, RequestLifetime = TimeSpan.FromHours(hours) };

        Assert.Contains(settings.Problems(), p => p.Contains(problem));
    }
}
