using System.Diagnostics;
using System.Text.Json;
using AccessConsole.Tests.Bulk;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Gateway.Decisions;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Rules;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Rules;

/// <summary>
/// Rule changes with Takes effect and Until: approved now, applied at their time once as system, linked to the event
/// that scheduled them; a rule with an end removes itself then; a rule changed in between is skipped with the reason.
/// </summary>
public sealed class ScheduledRuleTests : IAsyncLifetime
{
    private BulkTestApp app = null!;
    private Guid glide;

    public async ValueTask InitializeAsync()
    {
        app = await StartAsync();
        glide = await app.IntegrationIdAsync(DemoCatalog.BlockedIde);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private DateTime Now => app.Clock.UtcNow;

    private RuleChangeRequest CompetitorsThroughGlide => RuleTestApp.Create("Competitors through Glide IDE", new RuleScope { Tags = ["competitor"], IntegrationId = glide });

    /// <summary>What the app's workers do at a moment: release what is due, then run it.</summary>
    private async Task<int> RunDueAsync()
    {
        var (released, _) = await ScheduledChangeWorker.ReleaseDueAsync(app.Contexts, Now, CancellationToken.None);
        foreach (var id in released) await app.Runner.RunAsync(id);
        return released.Count;
    }

    private async Task<Guid> ProposeAndApproveScheduledAsync(RuleChangeRequest request)
    {
        var proposed = await app.RulesFor(Alex).ProposeAsync(request);
        Assert.True(proposed.Succeeded, string.Join("; ", proposed.Errors.Select(e => $"{e.Key}: {e.Value}")));
        var decision = await app.ApprovalsFor(Blair).ApproveAsync(proposed.Request!.Id, "Checked against the terms; approved.");
        Assert.Equal($"Approved: the change takes effect at {request.TakesEffectAt:yyyy-MM-dd HH:mm} UTC, as scheduled.", decision.Outcome);
        return proposed.Request.JobId;
    }

    private async Task<ChangeJobItem> ItemAsync(Guid jobId)
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return await db.ChangeJobItems.AsNoTracking().SingleAsync(i => i.JobId == jobId);
    }

    [Fact]
    public async Task A_rule_created_for_later_is_approved_now_and_applies_once_at_its_time_as_system_deciding_calls_within_a_second()
    {
        var gateway = app.Factory.GatewayHttpClient(await app.Factory.CreateCredentialAsync());
        var (_, secret) = await app.AddOrganizationAsync("Nimbus Rival Labs", Tier.Free, "competitor", DemoCatalog.BlockedIde);
        var nimbus = new DecisionItem(KeyFormat.Hash(secret), "glide-ide", null);

        var jobId = await ProposeAndApproveScheduledAsync(CompetitorsThroughGlide with { TakesEffectAt = Now.AddMinutes(10) });

        app.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, await RunDueAsync());
        Assert.Equal(0, await app.RuleCountAsync());
        Assert.Equal("allow", (await gateway.DecideAsync(nimbus)).Items[0].Decision);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await RunDueAsync());
        var applied = Stopwatch.StartNew();
        Assert.Equal(0, await RunDueAsync());
        var answers = await DecideWhenAsync(gateway, a => a.Items[0].Decision == "deny", nimbus);
        Assert.Equal("deny", answers.Items[0].Decision);
        Assert.True(applied.Elapsed < TimeSpan.FromSeconds(1), $"the gateway decided by the rule only after {applied.Elapsed}");

        var rule = await app.RuleAsync(jobId);
        Assert.Equal((RuleState.Active, 1, Alex.Name, Blair.Name), (rule.State, rule.Version, rule.AuthorName, rule.ApproverName));
        var events = await app.EventsAsync(jobId);
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Approved, "rule.create"], events.Select(e => e.Action));
        var change = events[^1];
        Assert.Equal((Actor.System.Id, Blair.Id, Now, rule.AuditSequence), (change.ActorId, change.ApproverId, change.OccurredAt, (long?)change.Sequence));
        using var details = JsonDocument.Parse(change.Details!);
        Assert.Equal(events[0].Sequence, details.RootElement.GetProperty("scheduledBy").GetInt64());
        Assert.Equal(rule.Name, RuleChangeDetails.FromJson(change.Details)!.After.Name);
    }

    [Fact]
    public async Task A_rule_with_an_end_removes_itself_then_as_system_and_calls_are_decided_without_it()
    {
        var gateway = app.Factory.GatewayHttpClient(await app.Factory.CreateCredentialAsync());
        var (_, secret) = await app.AddOrganizationAsync("Nimbus Rival Labs", Tier.Free, "competitor", DemoCatalog.BlockedIde);
        var nimbus = new DecisionItem(KeyFormat.Hash(secret), "glide-ide", null);

        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide with { Until = Now.AddHours(1) }, Alex, Blair);
        Assert.Equal("deny", (await DecideWhenAsync(gateway, a => a.Items[0].Decision == "deny", nimbus)).Items[0].Decision);

        var listed = Assert.Single(await app.RulesFor(Sam).ListAsync());
        Assert.Equal([$"ends {Now.AddHours(1):yyyy-MM-dd HH:mm} UTC"], listed.WhenTexts);
        Assert.Empty(listed.Scheduled);

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await RunDueAsync());
        Assert.Equal(RuleState.Active, (await app.RuleAsync(await app.JobOfAsync(rule.Id))).State);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await RunDueAsync());
        Assert.Equal(0, await RunDueAsync());

        var ended = await app.RuleAsync(await app.JobOfAsync(rule.Id));
        Assert.Equal((RuleState.Removed, 2), (ended.State, ended.Version));
        var removal = (await app.EventsAsync(await app.JobOfAsync(rule.Id, latest: true))).ToList();
        Assert.Equal([JobEvents.Scheduled, "rule.remove"], removal.Select(e => e.Action));
        Assert.Equal((Actor.System.Id, rule.ReasonCode), (removal[1].ActorId, removal[1].ReasonCode));
        Assert.StartsWith("Ends by itself", removal[1].Justification);
        Assert.Equal(AccessValue.Active, AccessJson.Deserialize(removal[1].AccessAfter!));
        using var details = JsonDocument.Parse(removal[1].Details!);
        Assert.Equal(removal[0].Sequence, details.RootElement.GetProperty("scheduledBy").GetInt64());
        Assert.Equal("allow", (await DecideWhenAsync(gateway, a => a.Items[0].Decision == "allow", nimbus)).Items[0].Decision);
        var row = (await app.RulesFor(Sam).GetAsync(rule.Id))!.Row;
        Assert.Null(row.Rule.EndsAt);
        Assert.Empty(row.WhenTexts);
    }

    [Fact]
    public async Task A_scheduled_rule_change_is_skipped_with_the_reason_when_the_rule_was_changed_before_its_time()
    {
        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide, Alex, Blair);
        var jobId = await ProposeAndApproveScheduledAsync(CompetitorsThroughGlide with
        {
            Kind = RuleChangeKind.Change, RuleId = rule.Id, ExpectedVersion = rule.Version, Denies = false,
            Restriction = new Restriction { RequestsPerMinute = 10 }, TakesEffectAt = Now.AddMinutes(10),
        });
        var waiting = Assert.Single((await app.RulesFor(Sam).GetAsync(rule.Id))!.Row.Scheduled);
        Assert.Equal($"scheduled: change at {Now.AddMinutes(10):yyyy-MM-dd HH:mm} UTC, by {Alex.Name}, approved by {Blair.Name}", waiting.Text);
        var suspended = await app.ProposeAndApproveAsync(new RuleChangeRequest
        {
            Kind = RuleChangeKind.Suspend, RuleId = rule.Id, ExpectedVersion = rule.Version,
            ReasonCode = rule.ReasonCode, Justification = "Paused while legal reviews the clause.",
        }, Blair, Ada);
        var outdated = Assert.Single(Assert.Single(await app.RulesFor(Sam).ListAsync()).Scheduled);
        Assert.Equal(waiting.Text + "; it will be skipped, as the rule was changed since", outdated.Text);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await RunDueAsync());

        var after = await app.RuleAsync(jobId);
        Assert.Equal((RuleState.Suspended, suspended.Version, true), (after.State, after.Version, after.Denies));
        var item = await ItemAsync(jobId);
        Assert.Equal(ItemOutcome.NotChanged, item.Outcome);
        Assert.StartsWith("Skipped: the subject was changed after this change was scheduled", item.Message);
        Assert.DoesNotContain(await app.EventsAsync(jobId), e => e.Action == "rule.change");
        var mine = Assert.Single(await new ScheduledChangeService(app.Contexts, new TestActor(Alex), app.Clock).MineAsync());
        Assert.Equal((jobId, ScheduleState.Skipped, "Skipped"), (mine.JobId, mine.State, mine.StateText));
        Assert.Equal(item.Message, mine.Reason);
        Assert.Empty((await app.RulesFor(Sam).GetAsync(rule.Id))!.Row.Scheduled);
    }

    [Fact]
    public async Task A_rule_created_for_later_is_listed_at_once_as_scheduled_and_as_the_rule_once_it_applies()
    {
        var (at, until) = (Now.AddMinutes(10), Now.AddDays(2));
        var proposed = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide with { TakesEffectAt = at, Until = until });
        var jobId = proposed.Request!.JobId;
        var scheduling = Assert.Single(await app.EventsAsync(jobId));

        var row = Assert.Single(await app.RulesFor(Sam).ListAsync());
        Assert.Equal((RuleRow.ScheduledState, "Competitors through Glide IDE", $"tag competitor; through {DemoCatalog.BlockedIde}", "Denied", Alex.Name, "awaiting approval"),
            (row.StateText, row.Rule.Name, row.ScopeText, row.Rule.EffectText, row.Rule.AuthorName, row.ApproverText));
        Assert.Equal([$"takes effect {at:yyyy-MM-dd HH:mm} UTC", $"ends {until:yyyy-MM-dd HH:mm} UTC"], row.WhenTexts);
        Assert.Equal(($"/policies/requests/{jobId}", (long?)scheduling.Sequence), (row.Href, row.Rule.AuditSequence));

        await app.ApprovalsFor(Blair).ApproveAsync(proposed.Request.Id, "Checked against the terms; approved.");
        row = Assert.Single(await app.RulesFor(Sam).ListAsync());
        Assert.Equal((RuleRow.ScheduledState, Blair.Name), (row.StateText, row.ApproverText));

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await RunDueAsync());

        var rule = await app.RuleAsync(jobId);
        row = Assert.Single(await app.RulesFor(Sam).ListAsync());
        Assert.Equal((nameof(RuleState.Active), (ScheduledRuleChange?)null, $"/policies/{rule.Id}", Blair.Name), (row.StateText, row.Creation, row.Href, row.ApproverText));
        Assert.Equal([$"ends {until:yyyy-MM-dd HH:mm} UTC"], row.WhenTexts);
    }

    [Fact]
    public async Task A_rule_scheduled_for_later_leaves_the_list_once_cancelled_rejected_or_expired()
    {
        var cancelled = await ProposeAndApproveScheduledAsync(CompetitorsThroughGlide with { TakesEffectAt = Now.AddDays(5) });
        var rejected = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide with { Name = "Rejected rule", TakesEffectAt = Now.AddDays(5) });
        var expiring = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide with { Name = "Expiring rule", TakesEffectAt = Now.AddDays(5) });
        Assert.Equal(["Competitors through Glide IDE", "Expiring rule", "Rejected rule"], (await app.RulesFor(Sam).ListAsync()).Select(r => r.Rule.Name));

        var cancel = await new ScheduledChangeService(app.Contexts, new TestActor(Alex), app.Clock).CancelAsync(cancelled, "The settlement made the rule unnecessary.");
        Assert.True(cancel.Succeeded);
        await app.ApprovalsFor(Blair).RejectAsync(rejected.Request!.Id, "Not under these terms.");
        Assert.Equal(["Expiring rule"], (await app.RulesFor(Sam).ListAsync()).Select(r => r.Rule.Name));

        app.Clock.Advance(expiring.Request!.ExpiresAt - Now + TimeSpan.FromMinutes(1));
        Assert.Empty(await app.RulesFor(Sam).ListAsync());
        await app.Expiry.ExpireDueAsync();
        Assert.Equal(JobState.Expired, (await app.JobAsync(expiring.Request.JobId)).State);
        Assert.Empty(await app.RulesFor(Sam).ListAsync());
        Assert.Equal(0, await app.RuleCountAsync());
    }

    [Fact]
    public async Task A_scheduled_change_of_a_rule_shows_on_its_row_awaiting_approval_then_approved_and_leaves_when_applied()
    {
        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide, Alex, Blair);
        var at = Now.AddMinutes(30);
        var proposed = await app.RulesFor(Blair).ProposeAsync(new RuleChangeRequest
        {
            Kind = RuleChangeKind.Remove, RuleId = rule.Id, ExpectedVersion = rule.Version, TakesEffectAt = at,
            ReasonCode = rule.ReasonCode, Justification = "The clause is withdrawn at the end of the month.",
        });

        var row = Assert.Single(await app.RulesFor(Sam).ListAsync());
        Assert.Equal((nameof(RuleState.Active), Blair.Name), (row.StateText, row.ApproverText));
        Assert.Equal([$"scheduled: remove at {at:yyyy-MM-dd HH:mm} UTC, by {Blair.Name} (awaiting approval)"], row.WhenTexts);

        await app.ApprovalsFor(Ada).ApproveAsync(proposed.Request!.Id, "Checked with legal; approved.");
        Assert.Equal([$"scheduled: remove at {at:yyyy-MM-dd HH:mm} UTC, by {Blair.Name}, approved by {Ada.Name}"],
            (await app.RulesFor(Sam).GetAsync(rule.Id))!.Row.WhenTexts);

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await RunDueAsync());
        row = Assert.Single(await app.RulesFor(Sam).ListAsync());
        Assert.Equal((nameof(RuleState.Removed), 0), (row.StateText, row.WhenTexts.Count));
    }

    [Fact]
    public async Task Takes_effect_and_until_are_checked_at_their_fields_and_nothing_is_proposed()
    {
        var head = await app.AuditHeadAsync();

        var past = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide with { TakesEffectAt = Now.AddMinutes(-1) });
        var endBefore = await app.RulesFor(Alex).ProposeAsync(CompetitorsThroughGlide with { TakesEffectAt = Now.AddDays(2), Until = Now.AddDays(1) });
        var endOfSuspension = await app.RulesFor(Alex).ProposeAsync(new RuleChangeRequest
        {
            Kind = RuleChangeKind.Suspend, RuleId = Guid.NewGuid(), Until = Now.AddDays(1),
            ReasonCode = CompetitorsThroughGlide.ReasonCode, Justification = "Paused while legal reviews the clause.",
        });

        Assert.StartsWith("Choose a time after now", past.Errors[ChangeFields.TakesEffect]);
        Assert.Equal("Choose an end after the time the change takes effect.", endBefore.Errors[ChangeFields.Until]);
        Assert.Equal("A restore is permanent; it cannot lift itself.", endOfSuspension.Errors[ChangeFields.Until]);
        Assert.Equal(head, await app.AuditHeadAsync());
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
