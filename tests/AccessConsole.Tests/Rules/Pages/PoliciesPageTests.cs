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
    public void The_dialog_asks_for_no_focus_of_its_own_which_would_take_the_cursor_from_its_first_field()
    {
        page.WaitForAssertion(() => page.Labelled("Name"));
        Assert.Empty(App.FocusRequests(page));
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
        Assert.Equal($"/policies/requests/{job.Id}", page.Link("See the request").GetAttribute("href"));
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

    [Fact]
    public async Task A_rule_proposed_with_takes_effect_and_until_is_scheduled_with_both_once_approved()
    {
        var now = App.Demo.Clock.GetUtcNow().UtcDateTime;
        var (takesEffect, until) = (now.Date.AddDays(3).AddHours(9), now.Date.AddDays(10).AddHours(9));
        FillCompetitorsThroughGlide();
        page.Labelled(TakesEffect).Type($"{takesEffect:yyyy-MM-ddTHH:mm}");
        page.Labelled(Until).Type($"{until:yyyy-MM-ddTHH:mm}");

        page.Button("Confirm").Click();

        page.WaitForAssertion(() => Assert.Contains($"It is scheduled to take effect at {takesEffect:yyyy-MM-dd HH:mm} UTC", page.Markup));
        var job = Assert.Single(await RuleJobsAsync());
        Assert.Equal((JobState.AwaitingApproval, until), (job.State, job.Until));
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        Assert.Equal(takesEffect, (await db.ScheduledChanges.AsNoTracking().SingleAsync(s => s.JobId == job.Id)).TakesEffectAt);
    }

    [Fact]
    public async Task A_past_takes_effect_and_an_until_before_it_are_refused_at_their_fields_and_nothing_is_proposed()
    {
        var events = await App.Demo.AuditCountAsync();
        var now = App.Demo.Clock.GetUtcNow().UtcDateTime;
        FillCompetitorsThroughGlide();
        page.Labelled(TakesEffect).Type($"{now.AddHours(-2):yyyy-MM-ddTHH:mm}");

        page.Button("Confirm").Click();

        page.WaitForAssertion(() => Assert.Equal([ChangeFields.TakesEffect], page.Messages().Keys));
        Assert.StartsWith("Choose a time after now", page.MessageAt(ChangeFields.TakesEffect));

        page.Labelled(TakesEffect).Type($"{now.AddDays(2):yyyy-MM-ddTHH:mm}");
        page.Labelled(Until).Type($"{now.AddDays(1):yyyy-MM-ddTHH:mm}");
        page.Button("Confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("Choose an end after the time the change takes effect.", page.MessageAt(ChangeFields.Until)));
        Assert.Equal(["New rule"], page.DialogTitles());
        Assert.Empty(await RuleJobsAsync());
        Assert.Equal(events, await App.Demo.AuditCountAsync());
    }

    private const string TakesEffect = "Takes effect (UTC, empty for now)";
    private const string Until = "Until (UTC, optional)";

    private void FillCompetitorsThroughGlide()
    {
        page.Labelled("Name").Type("Competitors through Glide IDE");
        page.Labelled("Organization tags (any of them, separated by commas)").Type("competitor");
        page.Labelled("One integration").Tick();
        page.PickOption("Integration", DemoCatalog.BlockedIde);
        page.PickOption("Reason", "Terms — competing product");
        page.Labelled("Justification").Type("Competing products may not use Glide IDE under the terms.");
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
