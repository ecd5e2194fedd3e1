using AccessConsole.Tests.Bulk;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Explanations;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Rules;
using AccessConsole.Web.Rules.Pages;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Rules.Pages;

/// <summary>A rule's page: its facts, its impact now and its history; Suspend proposes a change that waits for approval.</summary>
public sealed class RulePageTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private PlatformRule rule = null!;

    protected override async Task StartedAsync()
    {
        var glide = await App.Demo.IntegrationIdAsync(DemoCatalog.BlockedIde);
        var services = App.Demo.Factory.Services;
        var proposer = new PlatformRuleService(App.Demo.Contexts, new TestActor(BulkTestApp.Alex), TimeProvider.System,
            services.GetRequiredService<ApprovalRules>(), services.GetRequiredService<ApprovalNotifier>());
        var proposed = await proposer.ProposeAsync(RuleTestApp.Create("Competitors through Glide IDE", new RuleScope { Tags = ["competitor"], IntegrationId = glide }));
        var approvals = new ApprovalService(App.Demo.Contexts, new TestActor(BulkTestApp.Blair), TimeProvider.System,
            services.GetRequiredService<ApprovalExpiry>(), services.GetRequiredService<ChangeJobRunner>(), services.GetRequiredService<ChangeJobSignal>(),
            services.GetRequiredService<ApprovalNotifier>());
        Assert.StartsWith("Approved", (await approvals.ApproveAsync(proposed.Request!.Id, "Checked against the terms.")).Outcome);
        rule = await AppliedRuleAsync();
    }

    /// <summary>The app's own job worker may be the one that applies the approved rule: wait for it either way.</summary>
    private async Task<PlatformRule> AppliedRuleAsync(int version = 1)
    {
        for (var tries = 0; tries < 200; tries++)
        {
            await using var db = await App.Demo.Contexts.CreateDbContextAsync();
            if (await db.PlatformRules.AsNoTracking().SingleOrDefaultAsync(r => r.Version >= version) is { } applied) return applied;
            await Task.Delay(50);
        }
        throw new TimeoutException("The approved rule was not applied within 10 seconds.");
    }

    /// <summary>What the rule's page states beside a fact's name (each value a fact has).</summary>
    private static List<string> Fact<T>(IRenderedComponent<T> page, string name) where T : IComponent
    {
        var term = Assert.Single(page.FindAll("dt"), d => d.Shown() == name);
        return [.. term.ParentElement!.Children.SkipWhile(e => e != term).Skip(1).TakeWhile(e => e.LocalName == "dd").Select(e => e.Shown())];
    }

    private PlatformRuleService Proposer()
    {
        var services = App.Demo.Factory.Services;
        return new PlatformRuleService(App.Demo.Contexts, new TestActor(BulkTestApp.Alex), TimeProvider.System,
            services.GetRequiredService<ApprovalRules>(), services.GetRequiredService<ApprovalNotifier>());
    }

    private ApprovalService Approvals()
    {
        var services = App.Demo.Factory.Services;
        return new ApprovalService(App.Demo.Contexts, new TestActor(BulkTestApp.Blair), TimeProvider.System,
            services.GetRequiredService<ApprovalExpiry>(), services.GetRequiredService<ChangeJobRunner>(), services.GetRequiredService<ChangeJobSignal>(),
            services.GetRequiredService<ApprovalNotifier>());
    }

    [Fact]
    public async Task A_request_about_an_existing_rule_is_seen_on_the_rules_page()
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        var jobId = await db.ChangeJobItems.Where(i => i.SubjectId == rule.Id).Select(i => i.JobId).SingleAsync();

        App.RenderWithDialogs<RuleRequestPage>(p => p.Add(r => r.JobId, jobId));

        var navigation = App.Services.GetRequiredService<NavigationManager>();
        Assert.EndsWith($"/policies/{rule.Id}", navigation.Uri);
    }

    [Fact]
    public async Task A_proposed_rule_not_yet_applied_is_seen_as_its_proposal_with_when_it_takes_effect()
    {
        var services = App.Demo.Factory.Services;
        var proposer = new PlatformRuleService(App.Demo.Contexts, new TestActor(BulkTestApp.Alex), TimeProvider.System,
            services.GetRequiredService<ApprovalRules>(), services.GetRequiredService<ApprovalNotifier>());
        var at = DateTime.UtcNow.Date.AddDays(2).AddHours(9);
        var proposed = await proposer.ProposeAsync(RuleTestApp.Create("Enterprise subscriptions capped", new RuleScope { Tiers = [Web.Organizations.Tier.Enterprise] })
            with { TakesEffectAt = at });
        Assert.True(proposed.Succeeded, string.Join("; ", proposed.Errors.Values));

        var page = App.RenderWithDialogs<RuleRequestPage>(p => p.Add(r => r.JobId, proposed.Request!.JobId));

        page.WaitForAssertion(() => Assert.Contains("Proposed by Alex Manager", page.Shown()));
        Assert.Contains($"It takes effect at {at:yyyy-MM-dd HH:mm} UTC once approved.", page.Shown());
        Assert.Contains("(awaiting approval)", page.Shown());
        Assert.Equal("/approvals", page.Link("Approvals").GetAttribute("href"));

        Assert.StartsWith("Approved", (await Approvals().ApproveAsync(proposed.Request!.Id, "Checked against the terms.")).Outcome);
        await App.DisposeComponentsAsync();
        var again = App.RenderWithDialogs<RuleRequestPage>(p => p.Add(r => r.JobId, proposed.Request.JobId));
        again.WaitForAssertion(() => Assert.Contains($"(approved, scheduled). Approved by Blair Manager. It takes effect at {at:yyyy-MM-dd HH:mm} UTC. Scheduled by audit event #", again.Shown()));
    }

    [Fact]
    public async Task An_approved_change_waiting_for_its_time_shows_on_the_rules_page()
    {
        var services = App.Demo.Factory.Services;
        var proposer = new PlatformRuleService(App.Demo.Contexts, new TestActor(BulkTestApp.Alex), TimeProvider.System,
            services.GetRequiredService<ApprovalRules>(), services.GetRequiredService<ApprovalNotifier>());
        var at = DateTime.UtcNow.Date.AddDays(2).AddHours(9);
        var proposed = await proposer.ProposeAsync(new RuleChangeRequest
        {
            Kind = RuleChangeKind.Suspend, RuleId = rule.Id, ExpectedVersion = rule.Version, TakesEffectAt = at,
            ReasonCode = rule.ReasonCode, Justification = "Paused over the holiday while legal reviews the clause.",
        });
        var approvals = new ApprovalService(App.Demo.Contexts, new TestActor(BulkTestApp.Blair), TimeProvider.System,
            services.GetRequiredService<ApprovalExpiry>(), services.GetRequiredService<ChangeJobRunner>(), services.GetRequiredService<ChangeJobSignal>(),
            services.GetRequiredService<ApprovalNotifier>());
        Assert.StartsWith("Approved: the change takes effect", (await approvals.ApproveAsync(proposed.Request!.Id, "Checked against the terms.")).Outcome);

        var page = App.RenderWithDialogs<RulePage>(p => p.Add(r => r.Id, rule.Id));
        page.WaitForAssertion(() => page.Named("History"));
        Assert.Equal([$"scheduled: suspend at {at:yyyy-MM-dd HH:mm} UTC, by Alex Manager, approved by Blair Manager"], Fact(page, "Scheduled"));

        await App.DisposeComponentsAsync();
        var list = App.RenderWithDialogs<PoliciesPage>(_ => { });
        list.WaitForAssertion(() => Assert.Single(list.RowTexts("Platform rules")));
        Assert.EndsWith($"scheduled: suspend at {at:yyyy-MM-dd HH:mm} UTC, by Alex Manager, approved by Blair Manager", list.RowTexts("Platform rules")[0]);
    }

    [Fact]
    public async Task A_rule_created_for_later_is_a_scheduled_row_at_once_opening_its_request_until_it_is_cancelled()
    {
        var (at, until) = (DateTime.UtcNow.Date.AddDays(2).AddHours(9), DateTime.UtcNow.Date.AddDays(9).AddHours(9));
        var proposed = await Proposer().ProposeAsync(RuleTestApp.Create("Enterprise tier denied", new RuleScope { Tiers = [Web.Organizations.Tier.Enterprise] })
            with { TakesEffectAt = at, Until = until });
        Assert.True(proposed.Succeeded, string.Join("; ", proposed.Errors.Values));
        var jobId = proposed.Request!.JobId;

        var page = App.RenderWithDialogs<PoliciesPage>(_ => { });
        page.WaitForAssertion(() => Assert.Equal(2, page.RowTexts("Platform rules").Count));

        var scheduled = page.RowTexts("Platform rules")[1];
        Assert.StartsWith("Enterprise tier denied Scheduled tier Enterprise Denied Alex Manager awaiting approval proposed ", scheduled);
        Assert.EndsWith($"takes effect {at:yyyy-MM-dd HH:mm} UTC; ends {until:yyyy-MM-dd HH:mm} UTC", scheduled);
        Assert.Equal($"/policies/requests/{jobId}", page.Link("Enterprise tier denied").GetAttribute("href"));
        Assert.StartsWith($"{rule.Name} Active", page.RowTexts("Platform rules")[0]);

        Assert.StartsWith("Approved", (await Approvals().ApproveAsync(proposed.Request.Id, "Checked against the terms.")).Outcome);
        await App.DisposeComponentsAsync();
        page = App.RenderWithDialogs<PoliciesPage>(_ => { });
        page.WaitForAssertion(() => Assert.Equal(2, page.RowTexts("Platform rules").Count));
        Assert.StartsWith("Enterprise tier denied Scheduled tier Enterprise Denied Alex Manager Blair Manager proposed ", page.RowTexts("Platform rules")[1]);

        var cancel = await new Web.Scheduling.ScheduledChangeService(App.Demo.Contexts, new TestActor(BulkTestApp.Alex), TimeProvider.System)
            .CancelAsync(jobId, "The tier is handled by the sales team instead.");
        Assert.True(cancel.Succeeded);
        await App.DisposeComponentsAsync();
        page = App.RenderWithDialogs<PoliciesPage>(_ => { });
        page.WaitForAssertion(() => Assert.Single(page.RowTexts("Platform rules")));
        Assert.DoesNotContain("Enterprise tier denied", page.Shown());
    }

    [Fact]
    public async Task A_rule_with_an_end_shows_it_on_its_page_on_the_list_and_in_the_Why_panel()
    {
        var until = DateTime.UtcNow.Date.AddDays(5).AddHours(9);
        var proposed = await Proposer().ProposeAsync(RuleTestApp.Create(rule.Name, rule.Scope) with
        {
            Kind = RuleChangeKind.Change, RuleId = rule.Id, ExpectedVersion = rule.Version, Until = until,
        });
        Assert.StartsWith("Approved", (await Approvals().ApproveAsync(proposed.Request!.Id, "Checked against the terms.")).Outcome);
        await AppliedRuleAsync(version: rule.Version + 1);

        var page = App.RenderWithDialogs<RulePage>(p => p.Add(r => r.Id, rule.Id));
        page.WaitForAssertion(() => page.Named("History"));
        Assert.Equal([$"{until:yyyy-MM-dd HH:mm} UTC"], Fact(page, "Ends"));
        page.Button("Change").Click();
        page.WaitForAssertion(() => Assert.Equal([$"Change rule {rule.Name}"], page.DialogTitles()));
        Assert.Equal($"{until:yyyy-MM-ddTHH:mm}", page.Labelled("Until (UTC, optional)").GetAttribute("value"));

        await App.DisposeComponentsAsync();
        var list = App.RenderWithDialogs<PoliciesPage>(_ => { });
        list.WaitForAssertion(() => Assert.Single(list.RowTexts("Platform rules")));
        Assert.EndsWith($"ends {until:yyyy-MM-dd HH:mm} UTC", list.RowTexts("Platform rules")[0]);

        var lab = await App.Demo.OrganizationAsync(DemoCatalog.RivalLab);
        var why = App.Render<WhyPanel>(p => p.Add(w => w.OrganizationId, lab.Id));
        why.WaitForAssertion(() => Assert.NotEmpty(why.FindAll("ul[aria-label=Keys] > li")));
        Assert.Contains($"Platform rule {rule.Name}: denied (until {until:yyyy-MM-dd HH:mm} UTC) — reason", why.Shown());
    }

    [Fact]
    public async Task The_page_shows_the_rule_its_impact_now_and_its_history()
    {
        var page = App.RenderWithDialogs<RulePage>(p => p.Add(r => r.Id, rule.Id));

        page.WaitForAssertion(() => page.Named("History"));
        var facts = page.Shown();
        Assert.Contains($"tag competitor; through {DemoCatalog.BlockedIde}", facts);
        Assert.Contains("Alex Manager", facts);
        Assert.Contains("Blair Manager", facts);
        var history = page.Named("History").Shown();
        var created = history.IndexOf("Rule created by Alex Manager, approved by Blair Manager", StringComparison.Ordinal);
        var approved = history.IndexOf("Approved by Blair Manager", StringComparison.Ordinal);
        var requested = history.IndexOf("Approval requested by Alex Manager", StringComparison.Ordinal);
        Assert.True(created >= 0 && created < approved && approved < requested, history);
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        var impact = await RuleImpacts.OfAsync(db, rule.Scope, DateTime.UtcNow.Date, CancellationToken.None);
        Assert.Contains($"would have denied the calls of {impact.Organizations:N0} organizations", page.Named("Impact").Shown());
    }

    [Fact]
    public async Task Suspend_proposes_the_change_and_the_rule_stays_in_force_until_approved()
    {
        var page = App.RenderWithDialogs<RulePage>(p => p.Add(r => r.Id, rule.Id));
        page.WaitForAssertion(() => page.Button("Suspend"));

        page.Button("Suspend").Click();
        page.WaitForAssertion(() => Assert.Equal([$"Suspend rule {rule.Name}"], page.DialogTitles()));
        page.PickOption("Reason", "Terms — competing product");
        page.Labelled("Justification").Type("Paused while legal reviews the clause.");
        page.Button("Confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("Sent for approval.", page.Markup));
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        var job = await db.ChangeJobs.AsNoTracking().Where(j => j.Origin == JobOrigin.Rule && j.RequestedByName == "Casey Manager").SingleAsync();
        Assert.Equal(RuleChangeKind.Suspend, RuleProposal.FromJson(job.RuleProposal!).Kind);
        Assert.Equal(RuleState.Active, (await db.PlatformRules.AsNoTracking().SingleAsync()).State);
    }
}
