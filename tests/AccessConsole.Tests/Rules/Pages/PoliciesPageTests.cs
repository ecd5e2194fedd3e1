using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Rules;
using AccessConsole.Web.Rules.Pages;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Rules.Pages;

/// <summary>The rules page for an account manager: New rule opens the dialog, which proposes the rule for a second person's approval.</summary>
public sealed class PoliciesPageTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private IRenderedComponent<UiComponents.WithDialogs> page = null!;

    protected override Task StartedAsync()
    {
        page = App.RenderWithDialogs<PoliciesPage>(_ => { });
        page.WaitForAssertion(() => page.Button("New rule"));
        page.Button("New rule").Click();
        page.WaitForAssertion(() => Assert.Equal(["New rule"], page.DialogTitles()));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_rule_for_competitors_through_Glide_IDE_is_proposed_and_waits_for_approval()
    {
        page.Labelled("Name").Type("Competitors through Glide IDE");
        page.Labelled("Organization tags (any of them, separated by commas)").Type("competitor");
        page.Labelled("One integration").Tick();
        page.PickOption("Integration", DemoCatalog.BlockedIde);
        page.PickOption("Reason", "Terms — competing product");
        page.Labelled("Justification").Type("Competing products may not use Glide IDE under the terms.");

        page.Button("Confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("Sent for approval.", page.Markup));
        var job = Assert.Single(await RuleJobsAsync());
        var proposal = RuleProposal.FromJson(job.RuleProposal!);
        Assert.Equal((RuleChangeKind.Create, "Competitors through Glide IDE", true, "Casey Manager"),
            (proposal.Kind, proposal.Name, proposal.Denies, job.RequestedByName));
        Assert.Equal(["competitor"], proposal.Scope.Tags);
        Assert.Equal(await App.Demo.IntegrationIdAsync(DemoCatalog.BlockedIde), proposal.Scope.IntegrationId);
        Assert.Equal(JobState.AwaitingApproval, job.State);
    }

    [Fact]
    public async Task Preview_impact_shows_what_the_rule_would_have_denied_before_it_is_proposed()
    {
        page.Labelled("Organization tags (any of them, separated by commas)").Type("competitor");
        page.Labelled("One integration").Tick();
        page.PickOption("Integration", DemoCatalog.BlockedIde);

        page.Button("Preview impact").Click();

        page.WaitForAssertion(() => page.Named("Impact"));
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        var expected = await RuleImpacts.OfAsync(db, new Web.Access.RuleScope { Tags = ["competitor"], IntegrationId = await App.Demo.IntegrationIdAsync(DemoCatalog.BlockedIde) },
            App.Demo.Clock.GetUtcNow().UtcDateTime.Date, CancellationToken.None);
        Assert.Contains($"would have denied the calls of {expected.Organizations:N0} organizations, {expected.Keys:N0} keys and {expected.Requests:N0} requests",
            page.Named("Impact").Shown());
        Assert.Equal(expected.Largest.Select(o => o.Name), page.Named("Largest organizations").QuerySelectorAll("tbody a").Select(a => a.Shown()));
        Assert.Empty(await RuleJobsAsync());
    }

    [Fact]
    public async Task A_rule_without_scope_or_reason_is_refused_at_each_field_and_nothing_is_proposed()
    {
        var events = await App.Demo.AuditCountAsync();
        page.Labelled("Name").Type("Everyone");
        page.Labelled("Justification").Type("Too short");

        page.Button("Confirm").Click();

        page.WaitForAssertion(() => Assert.Equal([ChangeFields.Justification, ChangeFields.Reason, RuleFields.Scope], page.Messages().Keys.Order()));
        Assert.Contains("Choose whom the rule covers", page.MessageAt(RuleFields.Scope));
        Assert.Equal(["New rule"], page.DialogTitles());
        Assert.Empty(await RuleJobsAsync());
        Assert.Equal(events, await App.Demo.AuditCountAsync());
    }

    private async Task<List<ChangeJob>> RuleJobsAsync()
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        return await db.ChangeJobs.AsNoTracking().Where(j => j.Origin == JobOrigin.Rule).ToListAsync();
    }
}

/// <summary>Support reads the rules and the Why of a rule, and is offered no way to propose one.</summary>
public sealed class PoliciesPageForSupportTests() : ConsoleComponentTests("Sam Support", Roles.Support)
{
    [Fact]
    public void Support_sees_the_rules_but_no_New_rule_button()
    {
        var page = App.RenderWithDialogs<PoliciesPage>(_ => { });

        page.WaitForAssertion(() => Assert.Contains("No platform rule yet.", page.Markup));
        Assert.DoesNotContain("New rule", page.ButtonNames());
    }
}
