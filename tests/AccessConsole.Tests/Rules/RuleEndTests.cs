using System.Net.Http.Json;
using AccessConsole.Tests.Bulk;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Explanations;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Gateway.ChangeFeed;
using AccessConsole.Web.Gateway.Decisions;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Rules;
using AccessConsole.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Rules;

/// <summary>
/// A rule's Until is the rule's end: kept on the rule and in its audit details, carried in its layer's value, so the
/// decision API, the Why explanation and the change feed name it; every later change decides it anew.
/// </summary>
public sealed class RuleEndTests : IAsyncLifetime
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

    private RuleChangeRequest Change(PlatformRule rule, DateTime? until) => CompetitorsThroughGlide with
    {
        Kind = RuleChangeKind.Change, RuleId = rule.Id, ExpectedVersion = rule.Version, Denies = false,
        Restriction = new Restriction { RequestsPerMinute = 10 }, Justification = "Capped instead of denied after review.", Until = until,
    };

    [Fact]
    public async Task A_rule_with_an_until_names_its_end_in_its_audit_event_the_decision_api_the_why_explanation_and_the_change_feed()
    {
        var gateway = app.Factory.GatewayHttpClient(await app.Factory.CreateCredentialAsync());
        var (organizationId, secret) = await app.AddOrganizationAsync("Nimbus Rival Labs", Tier.Free, "competitor", DemoCatalog.BlockedIde);
        var until = Now.Date.AddDays(7).AddHours(9);

        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide with { Until = until }, Alex, Blair);

        Assert.Equal(until, rule.EndsAt);
        Assert.Equal(AccessValue.Revoked(until), rule.Effect);
        var change = (await app.EventsAsync(await app.JobOfAsync(rule.Id)))[^1];
        Assert.Equal(AccessValue.Revoked(until), AccessJson.Deserialize(change.AccessAfter!));
        Assert.Equal(until, RuleChangeDetails.FromJson(change.Details)!.After.EndsAt);

        var answers = await DecideWhenAsync(gateway, a => a.Items[0].Decision == "deny", new DecisionItem(KeyFormat.Hash(secret), "glide-ide", null));
        var decider = Assert.Single(answers.Items[0].Layers);
        Assert.Equal((nameof(SubjectKind.PlatformRule), "denied", (DateTime?)until), (decider.Kind, decider.Effect, decider.Until));

        var why = (await new AccessExplanationService(app.Contexts, new TestActor(Sam), app.Clock).ExplainOrganizationAsync(organizationId))!;
        var blocked = Assert.Single(Assert.Single(why.Keys).BlockedThrough);
        var layer = Assert.Single(blocked.Decision.DecidedBy);
        Assert.Equal((rule.Name, (DateTime?)until), (layer.Layer.SubjectName, layer.Layer.Access.Until));

        var feed = (await gateway.GetFromJsonAsync<AccessChangePage>($"/api/v1/changes?after={rule.AuditSequence - 1}"))!;
        Assert.Equal((rule.AuditSequence!.Value, nameof(AccessState.Revoked), (DateTime?)until), (feed.Items[0].Sequence, feed.Items[0].State, feed.Items[0].Until));
    }

    [Fact]
    public async Task A_change_without_until_clears_the_end_and_the_earlier_end_is_skipped_at_its_time()
    {
        var firstEnd = Now.AddHours(1);
        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide with { Until = firstEnd }, Alex, Blair);

        var changed = await app.ProposeAndApproveAsync(Change(rule, until: null), Blair, Alex);

        Assert.Null(changed.EndsAt);
        var change = (await app.EventsAsync(await app.JobOfAsync(rule.Id, latest: true)))[^1];
        var details = RuleChangeDetails.FromJson(change.Details)!;
        Assert.Equal(((DateTime?)firstEnd, (DateTime?)null), (details.Before!.EndsAt, details.After.EndsAt));
        Assert.Null(AccessJson.Deserialize(change.AccessAfter!).Until);
        Assert.Empty(Assert.Single(await app.RulesFor(Sam).ListAsync()).WhenTexts);

        app.Clock.Advance(TimeSpan.FromHours(1));
        var (released, _) = await ScheduledChangeWorker.ReleaseDueAsync(app.Contexts, Now, CancellationToken.None);
        foreach (var id in released) await app.Runner.RunAsync(id);

        var after = await app.RuleAsync(await app.JobOfAsync(rule.Id));
        Assert.Equal((RuleState.Active, changed.Version, (DateTime?)null), (after.State, after.Version, after.EndsAt));
    }

    [Fact]
    public async Task A_change_with_an_until_sets_its_own_end_and_a_suspension_clears_it()
    {
        var rule = await app.ProposeAndApproveAsync(CompetitorsThroughGlide, Alex, Blair);
        Assert.Null(rule.EndsAt);
        var end = Now.Date.AddDays(3).AddHours(18);

        var changed = await app.ProposeAndApproveAsync(Change(rule, until: end), Blair, Alex);

        Assert.Equal((DateTime?)end, changed.EndsAt);
        Assert.Equal(AccessValue.Restricted(new Restriction { RequestsPerMinute = 10 }, end), changed.Effect);
        Assert.Equal([$"ends {end:yyyy-MM-dd HH:mm} UTC"], Assert.Single(await app.RulesFor(Sam).ListAsync()).WhenTexts);

        var suspended = await app.ProposeAndApproveAsync(new RuleChangeRequest
        {
            Kind = RuleChangeKind.Suspend, RuleId = rule.Id, ExpectedVersion = changed.Version,
            ReasonCode = rule.ReasonCode, Justification = "Paused while legal reviews the clause.",
        }, Alex, Blair);

        Assert.Null(suspended.EndsAt);
        var details = RuleChangeDetails.FromJson((await app.EventsAsync(await app.JobOfAsync(rule.Id, latest: true)))[^1].Details)!;
        Assert.Equal(((DateTime?)end, (DateTime?)null), (details.Before!.EndsAt, details.After.EndsAt));
        Assert.Empty(Assert.Single(await app.RulesFor(Sam).ListAsync()).WhenTexts);
    }

    [Fact]
    public async Task The_migration_gives_a_rule_in_force_the_end_its_last_change_scheduled_and_no_other()
    {
        var end = Now.Date.AddDays(4).AddHours(12);
        var ending = await app.ProposeAndApproveAsync(CompetitorsThroughGlide with { Until = end }, Alex, Blair);
        var outgrown = await app.ProposeAndApproveAsync(CompetitorsThroughGlide with { Name = "Changed since", Until = end }, Alex, Blair);
        await app.ProposeAndApproveAsync(Change(outgrown, until: null) with { Name = "Changed since" }, Blair, Alex);
        await using var db = await app.Contexts.CreateDbContextAsync();
        await db.PlatformRules.ExecuteUpdateAsync(set => set.SetProperty(r => r.EndsAt, (DateTime?)null));

        await db.Database.ExecuteSqlRawAsync(RuleEndBackfill.Sql);

        var ends = await db.PlatformRules.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.EndsAt);
        Assert.Equal((DateTime?)end, ends[ending.Id]);
        Assert.Null(ends[outgrown.Id]);
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
