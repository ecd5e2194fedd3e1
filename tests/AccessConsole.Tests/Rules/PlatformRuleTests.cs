using System.Net.Http.Json;
using AccessConsole.Tests.Bulk;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Access.Explanations;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Gateway.ChangeFeed;
using AccessConsole.Web.Gateway.Decisions;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Rules;
using AccessConsole.Web.Security;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Rules;

/// <summary>Platform rules through the change service: four-eyes, audited, in the change feed, and deciding calls at once.</summary>
public sealed class PlatformRuleTests : IAsyncLifetime
{
    private BulkTestApp app = null!;
    private Guid glide;

    public async ValueTask InitializeAsync()
    {
        app = await StartAsync();
        glide = await app.IntegrationIdAsync(DemoCatalog.BlockedIde);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private RuleChangeRequest CompetitorsThroughGlide => RuleTestApp.Create("Competitors through Glide IDE", new RuleScope { Tags = ["competitor"], IntegrationId = glide });

    [Fact]
    public async Task A_proposed_rule_waits_for_a_second_person_and_is_not_in_force_meanwhile()
    {
        var head = await app.AuditHeadAsync();

        var proposed = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide);

        Assert.True(proposed.Succeeded);
        Assert.Equal((ApprovalState.Pending, PlatformRuleService.AlwaysApproved), (proposed.Request!.State, proposed.Request.Rules));
        Assert.Equal(0, await app.RuleCountAsync());
        var requested = Assert.Single(await app.EventsAsync(proposed.Request.JobId));
        Assert.Equal((JobEvents.ApprovalRequested, nameof(SubjectKind.PlatformRule), "Competitors through Glide IDE", head + 1),
            (requested.Action, requested.SubjectKind, requested.SubjectName, requested.Sequence));
    }

    [Fact]
    public async Task Approved_by_another_the_rule_is_in_force_with_one_audit_event_holding_it_before_and_after()
    {
        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide, Alex, Blair);

        Assert.Equal((RuleState.Active, true, 1, Alex.Name, Blair.Name), (rule.State, rule.Denies, rule.Version, rule.AuthorName, rule.ApproverName));
        var events = (await app.EventsAsync((await app.JobOfAsync(rule.Id)))).ToList();
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Approved, "rule.create"], events.Select(e => e.Action));
        var change = events[^1];
        Assert.Equal((rule.AuditSequence, Alex.Id, Blair.Id, StandardReasonCodes.CompetingProduct), (change.Sequence, change.ActorId, change.ApproverId, change.ReasonCode));
        Assert.Equal(AccessValue.Active, AccessJson.Deserialize(change.AccessBefore!));
        Assert.Equal(AccessValue.Revoked(), AccessJson.Deserialize(change.AccessAfter!));
        var details = RuleChangeDetails.FromJson(change.Details)!;
        Assert.Null(details.Before);
        Assert.Equal((rule.Name, rule.Scope, RuleState.Active), (details.After.Name, details.After.Scope, details.After.State));
    }

    [Fact]
    public async Task Suspending_a_rule_is_one_event_with_the_rule_before_and_after()
    {
        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide, Alex, Blair);

        var suspended = await app.ProposeAndApproveAsync(new RuleChangeRequest
        {
            Kind = RuleChangeKind.Suspend, RuleId = rule.Id, ExpectedVersion = rule.Version,
            ReasonCode = StandardReasonCodes.CompetingProduct, Justification = "Paused while legal reviews the clause.",
        }, Blair, Ada);

        Assert.Equal((RuleState.Suspended, 2, Blair.Name, Ada.Name), (suspended.State, suspended.Version, suspended.AuthorName, suspended.ApproverName));
        var change = (await app.EventsAsync(await app.JobOfAsync(rule.Id, latest: true)))[^1];
        Assert.Equal("rule.suspend", change.Action);
        var details = RuleChangeDetails.FromJson(change.Details)!;
        Assert.Equal((RuleState.Active, RuleState.Suspended), (details.Before!.State, details.After.State));
        Assert.Equal(AccessValue.Active, AccessJson.Deserialize(change.AccessAfter!));

        var resumed = await app.ProposeAndApproveAsync(new RuleChangeRequest
        {
            Kind = RuleChangeKind.Resume, RuleId = rule.Id, ExpectedVersion = suspended.Version,
            ReasonCode = StandardReasonCodes.CompetingProduct, Justification = "Legal confirmed the clause applies.",
        }, Alex, Blair);

        Assert.Equal((RuleState.Active, 3, true), (resumed.State, resumed.Version, resumed.Denies));
        Assert.Equal(AccessValue.Revoked(), AccessJson.Deserialize((await app.EventsAsync(await app.JobOfAsync(rule.Id, latest: true)))[^1].AccessAfter!));
    }

    [Fact]
    public async Task Changed_then_removed_the_rule_decides_by_its_new_terms_then_not_at_all()
    {
        var gateway = app.Factory.GatewayHttpClient(await app.Factory.CreateCredentialAsync());
        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide, Alex, Blair);
        var (_, secret) = await app.AddOrganizationAsync("Nimbus Rival Labs", Tier.Free, "competitor", DemoCatalog.BlockedIde);
        var nimbus = new DecisionItem(KeyFormat.Hash(secret), "glide-ide", null);
        Assert.Equal("deny", (await DecideWhenAsync(gateway, a => a.Items[0].Decision == "deny", nimbus)).Items[0].Decision);

        var changed = await app.ProposeAndApproveAsync(CompetitorsThroughGlide with
        {
            Kind = RuleChangeKind.Change, RuleId = rule.Id, ExpectedVersion = rule.Version, Denies = false,
            Restriction = new Restriction { RequestsPerMinute = 10 }, Justification = "Capped instead of denied after review.",
        }, Blair, Alex);
        var capped = await DecideWhenAsync(gateway, a => a.Items[0].Decision == "allow", nimbus);

        Assert.Equal((2, false, Blair.Name, Alex.Name), (changed.Version, changed.Denies, changed.AuthorName, changed.ApproverName));
        Assert.Equal(("allow", 10), (capped.Items[0].Decision, capped.Items[0].Restriction.RequestsPerMinute));
        var change = (await app.EventsAsync(await app.JobOfAsync(rule.Id, latest: true)))[^1];
        Assert.Equal("rule.change", change.Action);
        var details = RuleChangeDetails.FromJson(change.Details)!;
        Assert.Equal((true, false), (details.Before!.Denies, details.After.Denies));

        var removed = await app.ProposeAndApproveAsync(new RuleChangeRequest
        {
            Kind = RuleChangeKind.Remove, RuleId = rule.Id, ExpectedVersion = changed.Version,
            ReasonCode = StandardReasonCodes.CompetingProduct, Justification = "The clause was withdrawn.",
        }, Alex, Blair);
        var free = await DecideWhenAsync(gateway, a => a.Items[0].Restriction.RequestsPerMinute is null, nimbus);

        Assert.Equal(RuleState.Removed, removed.State);
        Assert.Equal(("allow", (int?)null), (free.Items[0].Decision, free.Items[0].Restriction.RequestsPerMinute));
        var again = await app.RulesFor(Alex).ProposeAsync(new RuleChangeRequest
        {
            Kind = RuleChangeKind.Resume, RuleId = rule.Id, ExpectedVersion = removed.Version,
            ReasonCode = StandardReasonCodes.CompetingProduct, Justification = "Bring the old rule back.",
        });
        Assert.Equal("This rule was removed; propose a new one instead.", again.Errors[ChangeFields.Subject]);
    }

    [Fact]
    public async Task The_proposer_never_approves_their_own_rule()
    {
        var proposed = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide);

        var own = await app.ApprovalsFor(Alex).ApproveAsync(proposed.Request!.Id, "Approving my own rule.");

        Assert.Equal("You asked for this change: another account manager or admin must decide it.", own.Errors[DecisionFields.Request]);
        Assert.Equal(0, await app.RuleCountAsync());
    }

    [Fact]
    public async Task Support_may_not_propose_a_rule()
    {
        var head = await app.AuditHeadAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => app.RulesFor(Sam).ProposeAsync(CompetitorsThroughGlide));

        Assert.Equal(head, await app.AuditHeadAsync());
    }

    [Fact]
    public async Task Bad_terms_are_refused_at_their_fields_and_nothing_is_written()
    {
        var head = await app.AuditHeadAsync();

        var noScope = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide with { Scope = new RuleScope() });
        var noName = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide with { Name = " " });
        var noLimit = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide with { Denies = false, Restriction = null });
        var shortWhy = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide with { Justification = "because" });
        var unknownClient = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide with { Scope = new RuleScope { IntegrationId = Guid.NewGuid() } });
        var withId = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide with { RuleId = Guid.NewGuid() });

        Assert.Contains("Choose whom the rule covers", noScope.Errors[RuleFields.Scope]);
        Assert.Contains("Name the rule", noName.Errors[RuleFields.Name]);
        Assert.Contains("Choose at least one limit", noLimit.Errors[ChangeFields.Restriction]);
        Assert.Contains("at least 10 characters", shortWhy.Errors[ChangeFields.Justification]);
        Assert.Equal("This integration is not in the catalog.", unknownClient.Errors[RuleFields.Integration]);
        Assert.Equal("A new rule gets its id when it is proposed.", withId.Errors[ChangeFields.Subject]);
        Assert.Equal(head, await app.AuditHeadAsync());
    }

    [Fact]
    public async Task A_rule_change_decided_on_an_old_version_is_refused()
    {
        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide, Alex, Blair);

        var stale = await app.RulesFor(Alex).ProposeAsync(new RuleChangeRequest
        {
            Kind = RuleChangeKind.Remove, RuleId = rule.Id, ExpectedVersion = rule.Version - 1,
            ReasonCode = StandardReasonCodes.CompetingProduct, Justification = "No longer needed after the settlement.",
        });

        Assert.Contains("was changed since", stale.Errors[ChangeFields.Version]);
    }

    [Fact]
    public async Task A_new_organization_tagged_competitor_is_denied_through_Glide_IDE_by_the_existing_rule()
    {
        var gateway = app.Factory.GatewayHttpClient(await app.Factory.CreateCredentialAsync());
        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide, Alex, Blair);

        var (organizationId, secret) = await app.AddOrganizationAsync("Nimbus Rival Labs", Tier.Free, "competitor", DemoCatalog.BlockedIde);
        var hash = KeyFormat.Hash(secret);
        var answers = await DecideWhenAsync(gateway, a => a.Items[0].Decision == "deny",
            new DecisionItem(hash, "glide-ide", null), new DecisionItem(hash, "openharness", null), new DecisionItem(hash, null, null));

        Assert.Equal(["deny", "allow", "allow"], answers.Items.Select(a => a.Decision));
        var decider = Assert.Single(answers.Items[0].Layers);
        Assert.Equal((nameof(SubjectKind.PlatformRule), rule.Name, StandardReasonCodes.CompetingProduct, rule.AuditSequence, Alex.Name, Blair.Name),
            (decider.Kind, decider.SubjectName, decider.ReasonCode, decider.AuditSequence, decider.ChangedBy, decider.ApprovedBy));

        var why = (await new AccessExplanationService(app.Contexts, new TestActor(Sam), app.Clock).ExplainOrganizationAsync(organizationId))!;
        var blocked = Assert.Single(Assert.Single(why.Keys).BlockedThrough);
        Assert.Equal(DemoCatalog.BlockedIde, blocked.IntegrationName);
        Assert.Equal("Denied: platform rule Competitors through Glide IDE denies it", blocked.Decision.Summary);
    }

    [Fact]
    public async Task Subscription_credentials_only_through_first_party_clients_blocks_every_harness_but_not_api_keys()
    {
        var gateway = app.Factory.GatewayHttpClient(await app.Factory.CreateCredentialAsync());
        await app.ProposeAndApproveAsync(RuleTestApp.Create("Subscriptions only through first-party clients",
            new RuleScope { CredentialKind = CredentialKind.SubscriptionOAuth, ThirdPartyClients = true }, reason: StandardReasonCodes.UnauthorizedClient), Alex, Blair);

        var subscription = new DecisionItem(KeyFormat.Hash(DemoKeys.Secret("pinecrest-subscription", CredentialKind.SubscriptionOAuth)), "openharness", null);
        var apiKey = new DecisionItem(KeyFormat.Hash(DemoKeys.Secret("pinecrest-api")), "openharness", null);
        var answers = await DecideWhenAsync(gateway, a => a.Items[0].Decision == "deny", subscription, apiKey);

        Assert.Equal(["deny", "allow"], answers.Items.Select(a => a.Decision));
    }

    [Fact]
    public async Task A_rule_change_is_in_the_change_feed_with_its_scope()
    {
        var gateway = app.Factory.GatewayHttpClient(await app.Factory.CreateCredentialAsync());
        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide, Alex, Blair);

        var page = (await gateway.GetFromJsonAsync<AccessChangePage>($"/api/v1/changes?after={rule.AuditSequence - 1}"))!;

        var item = page.Items[0];
        Assert.Equal((rule.AuditSequence!.Value, nameof(SubjectKind.PlatformRule), rule.Id.ToString("D"), nameof(AccessState.Revoked)),
            (item.Sequence, item.SubjectKind, item.SubjectId, item.State));
        Assert.Equal(rule.Scope, item.Scope);
    }

    private static async Task<DecisionAnswers> DecideWhenAsync(HttpClient gateway, Func<DecisionAnswers, bool> done, params DecisionItem[] items)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        DecisionAnswers answers;
        do answers = await gateway.DecideAsync(items);
        while (!done(answers) && DateTime.UtcNow < deadline);
        return answers;
    }
}
