using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Organizations;

/// <summary>The filters above the organizations list: each choice narrows the list to the organizations that match it.</summary>
public sealed class OrganizationFiltersTests() : ConsoleComponentTests("Sam Support", Roles.Support)
{
    private IRenderedComponent<UiComponents.WithDialogs> page = null!;

    protected override Task StartedAsync()
    {
        page = App.RenderWithDialogs<OrganizationsPage>(_ => { });
        page.WaitForAssertion(() => Assert.Equal(25, Listed().Count));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_name_typed_in_lists_the_organizations_whose_name_starts_with_it()
    {
        var expected = await NamesAsync(new OrganizationListQuery { NamePrefix = "Kes" });
        Assert.Contains(DemoCatalog.StoppedKeyOrganization, expected);

        page.Labelled("Name starts with").Type("Kes");

        page.WaitForAssertion(() => Assert.Equal(expected, Listed()));
    }

    [Fact]
    public async Task A_tier_and_a_tag_chosen_together_list_the_organizations_with_both()
    {
        var expected = await NamesAsync(new OrganizationListQuery { Tier = Tier.Enterprise, Tag = "competitor" });
        Assert.Superset(new HashSet<string> { DemoCatalog.RivalLab, DemoCatalog.IdeRival }, expected.ToHashSet());
        var tags = await App.Services.GetRequiredService<OrganizationService>().TagsAsync();

        page.PressAndChoose("Tier", "Enterprise");
        page.WaitForAssertion(() => Assert.Equal(tags, page.OpenOptions("Tag")));
        Assert.Single(page.FindAll("[role=option]"), o => o.Shown() == "competitor").Click();

        page.WaitForAssertion(() => Assert.Equal(expected, Listed()));
        Assert.Equal(("Enterprise", "competitor"), (page.ShownValue("Tier"), page.ShownValue("Tag")));
    }

    [Fact]
    public async Task Choosing_Revoked_lists_only_the_revoked_organizations()
    {
        var meridian = await App.Demo.OrganizationAsync(DemoCatalog.DisputedOrganization);
        await App.Demo.ChangesBy("Alex Manager").ChangeAsync(ChangeRequests.Revoke(meridian, await App.Demo.VersionAsync(meridian)));
        var expected = await NamesAsync(new OrganizationListQuery { State = AccessState.Revoked });
        Assert.Contains(DemoCatalog.DisputedOrganization, expected);

        page.PressAndChoose("Access", "Revoked");

        page.WaitForAssertion(() => Assert.Equal(expected, Listed()));
    }

    [Fact]
    public async Task Choosing_an_integration_lists_the_organizations_that_used_it()
    {
        // One that narrows the list to less than a page, so that the page shows all it matches.
        var (integration, expected) = await NarrowIntegrationAsync();

        page.PressAndChoose("Integration used", integration);

        page.WaitForAssertion(() => Assert.Equal(expected, Listed()));
        Assert.Equal(integration, page.Showing("Integration used"));
    }

    private async Task<(string Name, List<string> Users)> NarrowIntegrationAsync()
    {
        foreach (var integration in await App.Services.GetRequiredService<IntegrationService>().ListAsync())
        {
            var users = await NamesAsync(new OrganizationListQuery { IntegrationId = integration.Id });
            if (users.Count is > 0 and < 25) return (integration.Name, users);
        }
        throw new InvalidOperationException("No demo integration is used by between 1 and 24 organizations.");
    }

    private async Task<List<string>> NamesAsync(OrganizationListQuery query) =>
        (await App.Services.GetRequiredService<OrganizationService>().ListAsync(query)).Rows.Select(r => r.Name).ToList();

    private List<string> Listed() =>
        page.Named("Organizations").QuerySelectorAll("a[href^='/organizations/']").Select(a => a.Shown()).ToList();
}
