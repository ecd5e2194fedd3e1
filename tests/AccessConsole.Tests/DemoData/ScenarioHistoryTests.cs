using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.DemoData.History;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.DemoData;

/// <summary>The demo's past changes were made through the access service and left a real, intact audit chain.</summary>
public sealed class ScenarioHistoryTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;

    public async ValueTask InitializeAsync() => demo = await DemoDatabase.OpenAsync();

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task The_scenarios_history_is_their_changes_in_order()
    {
        // The generated everyday history never touches the scenarios' organizations, so theirs is exactly these six.
        var cast = DemoCatalog.ScenarioOrganizations.Concat(DemoCatalog.HeavyUsers).Select(o => o.Name).ToHashSet();
        var events = (await demo.AllEventsAsync()).Where(e => e.OrganizationName is { } name && cast.Contains(name)).ToList();

        Assert.Equal(
            [
                ("access.restrict", DemoCatalog.DisputedOrganization, StandardReasonCodes.Capacity, "Marcus Osei"),
                ("access.restrict", "Ledgerline Resale", StandardReasonCodes.Resale, "Priya Raman"),
                ("access.revoke", DemoCatalog.DisputedOrganization, StandardReasonCodes.NonPayment, "Marcus Osei"),
                ("access.restrict", "Borealis Machine Learning", StandardReasonCodes.Capacity, "Priya Raman"),
                ("access.revoke", DemoCatalog.StoppedKeyOrganization, StandardReasonCodes.KeyExposed, "Dana Whitfield"),
                (JobEvents.Scheduled, "Glide Software", StandardReasonCodes.Capacity, "Priya Raman"),
            ],
            events.Select(e => (e.Action, e.OrganizationName!, e.ReasonCode!, e.ActorName)));
        Assert.Equal("ApiKey", events[4].SubjectKind);
        Assert.StartsWith("kestrel-prod (", events[4].SubjectName);
        Assert.Null(events[^1].AccessAfter);
        Assert.NotNull(AccessJson.Deserialize(events[3].AccessAfter!).Until);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.OccurredAt < p.Second.OccurredAt), "the events are dated in the order they happened");
    }

    [Fact]
    public async Task Every_event_hash_recomputes_and_links_to_the_previous_one()
    {
        var events = await demo.AllEventsAsync();
        Assert.NotEmpty(events);

        var previous = AuditChain.GenesisHash;
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(i + 1, events[i].Sequence);
            Assert.Equal(previous, events[i].PreviousHash);
            Assert.Equal(AuditChain.ComputeHash(events[i]), events[i].Hash);
            previous = events[i].Hash;
        }
    }

    [Fact]
    public async Task An_edited_event_no_longer_matches_its_hash()
    {
        var events = await demo.AllEventsAsync();
        var edited = events[2];
        edited.Justification += " (softened later)";

        Assert.NotEqual(edited.Hash, AuditChain.ComputeHash(edited));
    }

    [Fact]
    public async Task Meridian_restored_gets_its_capacity_restriction_back_exactly()
    {
        // Scenario 6: the dispute is resolved; restore undoes the revocation, not the earlier capacity cut.
        var meridian = await demo.OrganizationAsync(DemoCatalog.DisputedOrganization);
        var revocation = (await demo.EventsAboutAsync(meridian)).Last();

        var result = await demo.ChangesBy("Marcus Osei").ChangeAsync(ChangeRequests.Restore(meridian, await demo.VersionAsync(meridian)) with
        {
            Justification = "Invoices paid in full; the payment dispute is resolved.",
            TicketReference = "FIN-3307",
        });

        var capacity = AccessValue.Restricted(new Restriction { RequestsPerMinute = 500, TokensPerMinute = 200_000 });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(capacity, result.After);
        Assert.Equal(capacity, (await demo.ReadAsync(meridian)).Access);
        var all = await demo.AllEventsAsync();
        var restore = all[^1];
        Assert.Equal(meridian.Id.ToString("D"), restore.SubjectId);
        Assert.Equal(revocation.Sequence, restore.UndoesSequence);
        Assert.Equal(all[^2].Hash, restore.PreviousHash);
        Assert.Equal(AuditChain.ComputeHash(restore), restore.Hash);
    }

    [Fact]
    public async Task The_demo_holds_one_scheduled_change_still_pending_glides_capacity_cut_next_week()
    {
        var glide = await demo.OrganizationAsync("Glide Software");
        var scheduled = new ScheduledChangeService(demo.Contexts, new TestActor(HistoryCast.Priya), demo.Clock);

        var row = Assert.Single(await scheduled.ForSubjectAsync(glide.Id));

        Assert.Equal((ScheduleState.Scheduled, "Priya Raman", ChangeKind.Restrict), (row.State, row.ScheduledByName, row.Change));
        var scheduling = (await demo.AllEventsAsync()).Single(e => e.Sequence == row.SchedulingSequence);
        Assert.Equal(JobEvents.Scheduled, scheduling.Action);
        Assert.Equal(scheduling.OccurredAt.Date.AddDays(7).AddHours(9), row.TakesEffectAt);
        Assert.True(row.TakesEffectAt > demo.Clock.UtcNow, "still pending");
        Assert.Equal(AccessState.Active, (await demo.ReadAsync(glide)).AccessState);
        Assert.Equal([row.JobId], (await scheduled.MineAsync()).Where(r => r.State == ScheduleState.Scheduled).Select(r => r.JobId));
    }

    [Fact]
    public async Task Borealis_is_still_restricted_until_its_date_and_ledgerline_to_smaller_models()
    {
        var borealis = await demo.ReadAsync(await demo.OrganizationAsync("Borealis Machine Learning"));
        var ledgerline = await demo.ReadAsync(await demo.OrganizationAsync("Ledgerline Resale"));

        Assert.Equal(AccessState.Restricted, borealis.AccessState);
        Assert.True(borealis.AccessUntil > demo.Clock.UtcNow);
        Assert.Equal(1_000, borealis.Restriction!.RequestsPerMinute);
        Assert.Equal(["haiku", "sonnet"], ledgerline.Restriction!.ModelFamilies);
        Assert.Equal(0, await new TimedLifts(demo.Contexts, new AccessChangeService(demo.Contexts, new SystemActor(), demo.Clock), demo.Clock).LiftDueAsync());
    }
}
