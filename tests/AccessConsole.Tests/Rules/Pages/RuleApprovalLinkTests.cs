using AccessConsole.Tests.Approvals.Pages;
using AccessConsole.Tests.Bulk;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Rules;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Rules.Pages;

/// <summary>A rule request on the Approvals page links to the rule's request page, in the list and in the review dialog.</summary>
public sealed class RuleApprovalLinkTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    [Fact]
    public async Task The_list_and_the_review_of_a_rule_request_link_to_the_rule_not_to_a_job_page()
    {
        var services = App.Demo.Factory.Services;
        var proposer = new PlatformRuleService(App.Demo.Contexts, new TestActor(BulkTestApp.Alex), TimeProvider.System,
            services.GetRequiredService<ApprovalRules>(), services.GetRequiredService<ApprovalNotifier>());
        var glide = await App.Demo.IntegrationIdAsync(DemoCatalog.BlockedIde);
        var proposed = await proposer.ProposeAsync(RuleTestApp.Create("Competitors through Glide IDE", new RuleScope { Tags = ["competitor"], IntegrationId = glide }));
        var href = $"/policies/requests/{proposed.Request!.JobId}";

        var page = ApprovalRequests.OpenPage(App, rows: 1);

        Assert.Equal(href, page.Link("Create rule Competitors through Glide IDE").GetAttribute("href"));
        page.Button("Review Create rule Competitors through Glide IDE").Click();
        page.WaitForAssertion(() => Assert.Equal(["Review: Create rule Competitors through Glide IDE"], page.DialogTitles()));
        var links = page.FindAll("[role=dialog] a").Where(a => a.Shown() == "Create rule Competitors through Glide IDE");
        Assert.Equal([href], links.Select(a => a.GetAttribute("href")));
    }
}
