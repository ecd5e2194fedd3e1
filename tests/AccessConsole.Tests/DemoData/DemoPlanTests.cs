using AccessConsole.Web.DemoData;

namespace AccessConsole.Tests.DemoData;

/// <summary>The generator's sizes: the scale data set asks for an exact number of organization-integration pairs.</summary>
public sealed class DemoPlanTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_exact_number_of_integration_uses_makes_that_many_distinct_pairs()
    {
        var plan = new DemoPlan(new DemoDataOptions { Organizations = 300, Keys = 600, IntegrationUses = 1_200 }, Now);

        var uses = plan.IntegrationUses().ToList();

        Assert.Equal(1_200, uses.Count);
        Assert.Equal(uses.Count, uses.Select(u => (u.OrganizationId, u.IntegrationId)).Distinct().Count());
        var sdk = plan.Integrations().Single(i => i.Name == "Atelier SDKs").Id;
        Assert.All(plan.Organizations(), o => Assert.Contains(uses, u => u.OrganizationId == o.Id && u.IntegrationId == sdk));
    }

    [Fact]
    public void Without_a_number_each_organization_uses_one_to_four_integrations_and_the_plan_repeats_from_its_seed()
    {
        var options = new DemoDataOptions { Organizations = 300, Keys = 600 };

        var first = new DemoPlan(options, Now).IntegrationUses().Select(u => (u.OrganizationId, u.IntegrationId)).ToList();
        var again = new DemoPlan(options, Now).IntegrationUses().Select(u => (u.OrganizationId, u.IntegrationId)).ToList();

        Assert.Equal(first, again);
        Assert.All(first.GroupBy(u => u.OrganizationId), g => Assert.InRange(g.Count(), 1, 5));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_number_of_uses_outside_what_the_organizations_can_hold_is_refused(bool tooMany)
    {
        var uses = tooMany ? 300 * DemoCatalog.Integrations.Count + 1 : 299;
        var problems = new DemoDataOptions { Organizations = 300, Keys = 600, IntegrationUses = uses }.Validate();

        Assert.Contains(problems, p => p.StartsWith("integration uses must be between", StringComparison.Ordinal));
    }
}
