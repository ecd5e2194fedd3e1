using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Scheduling;

/// <summary>My scheduled changes: mine only, the next first; a skipped one with its reason; cancelled from the list with a reason.</summary>
public sealed class MyScheduledChangesPageTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private async Task<SubjectRef> ScheduleRevokeAsync(string keyName, DateTime at, string? requester = null)
    {
        var services = App.Demo.Factory.Services;
        var gate = requester is null
            ? App.Services.GetRequiredService<ApprovalGate>()
            : new ApprovalGate(App.Demo.Contexts, new TestActor(requester, Roles.AccountManager), TimeProvider.System,
                App.Demo.ChangesBy(requester), services.GetRequiredService<ApprovalRules>(), services.GetRequiredService<ApprovalNotifier>());
        var key = await App.Demo.KeyAsync(keyName);
        var gated = await gate.SubmitAsync(ChangeRequests.Revoke(key, await App.Demo.VersionAsync(key)), at);
        Assert.True(gated.Scheduled, string.Join("; ", gated.Result.Errors.Values));
        return key;
    }

    private async Task<bool> AppliedOrSkippedAsync()
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        return await db.ChangeJobs.AnyAsync(j => j.RequestedByName == "Casey Manager" && j.State == JobState.Completed);
    }

    private IRenderedComponent<UiComponents.WithDialogs> OpenPage(int rows)
    {
        var page = App.RenderWithDialogs<MyScheduledChangesPage>(_ => { });
        page.WaitForAssertion(() => Assert.Equal(rows, Rows(page).Count));
        return page;
    }

    /// <summary>The button sits in the dialog's actions and names the form it submits; a browser follows that, bUnit does not.</summary>
    private static Task PressCancelTheChangeAsync(IRenderedComponent<UiComponents.WithDialogs> page)
    {
        var button = page.Button("Cancel the change");
        Assert.Equal("submit", button.GetAttribute("type"));
        return Assert.Single(page.FindAll("form"), f => f.Id == button.GetAttribute("form")).SubmitAsync();
    }

    private static List<string> Rows(IRenderedComponent<UiComponents.WithDialogs> page) =>
        page.HasNamed("My scheduled changes") ? page.Named("My scheduled changes").QuerySelectorAll("li").Select(li => li.Shown()).ToList() : [];

    [Fact]
    public async Task Lists_my_scheduled_changes_the_next_first_and_not_other_peoples()
    {
        var later = DateTime.UtcNow.AddDays(2);
        var sooner = DateTime.UtcNow.AddHours(5);
        await ScheduleRevokeAsync("kestrel-staging", later);
        await ScheduleRevokeAsync("helix-dev-team", sooner);
        await ScheduleRevokeAsync("pinecrest-api", sooner, requester: "Alex Manager");

        var page = OpenPage(rows: 2);

        var rows = Rows(page);
        Assert.StartsWith("Revoke helix-dev-team", rows[0]);
        Assert.Contains($": Scheduled, takes effect {sooner:yyyy-MM-dd HH:mm} UTC, scheduled by Casey Manager (event #", rows[0]);
        Assert.StartsWith("Revoke kestrel-staging", rows[1]);
        Assert.DoesNotContain(rows, r => r.Contains("pinecrest-api"));
        Assert.Single(page.ButtonNames(), n => n.StartsWith("Cancel the scheduled change: Revoke helix-dev-team"));
    }

    [Fact]
    public async Task A_change_whose_subject_someone_changed_before_its_time_shows_as_skipped_with_the_reason()
    {
        var key = await ScheduleRevokeAsync("helix-evals", DateTime.UtcNow.AddSeconds(2));
        await App.Demo.ChangesBy("Alex Manager").ChangeAsync(ChangeRequests.Restrict(key, await App.Demo.VersionAsync(key), new Restriction { RequestsPerMinute = 10 }));

        // The app's own workers apply it at its time.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await AppliedOrSkippedAsync() && DateTime.UtcNow < deadline) await Task.Delay(100);

        var page = OpenPage(rows: 1);

        Assert.Contains(": Skipped, was to take effect", Rows(page)[0]);
        Assert.Contains("Skipped: the subject was changed after this change was scheduled, so it was not applied.", Rows(page)[0]);
        Assert.Contains("was changed by Alex Manager", Rows(page)[0]);
        Assert.Equal(AccessState.Restricted, (await App.Demo.ReadAsync(key)).AccessState);
    }

    [Fact]
    public async Task A_change_cancelled_from_the_list_with_a_reason_shows_as_cancelled_and_without_a_reason_is_refused_at_the_field()
    {
        var key = await ScheduleRevokeAsync("kestrel-staging", DateTime.UtcNow.AddHours(5));
        var before = (await App.Demo.ReadAsync(key)).Access;
        var page = OpenPage(rows: 1);

        Assert.Single(page.FindAll("button"), b => b.Name().StartsWith("Cancel the scheduled change: Revoke kestrel-staging")).Click();
        page.WaitForAssertion(() => Assert.Contains("Cancel the scheduled change", page.DialogTitles()));
        await PressCancelTheChangeAsync(page);
        page.WaitForAssertion(() => Assert.Equal("Write why it is cancelled, in at least 10 characters.", page.MessageAt(CancelResult.Reason)));
        Assert.Equal(JobEvents.Scheduled, (await App.Demo.AllEventsAsync())[^1].Action);

        page.Labelled("Why cancel it").Type("The customer moved to the new plan early.");
        await PressCancelTheChangeAsync(page);

        page.WaitForAssertion(() => Assert.Empty(page.DialogTitles()));
        page.WaitForAssertion(() => Assert.Matches(@"^Revoke kestrel-staging \(.+\): Cancelled, was to take effect", Rows(page)[0]));
        Assert.Contains("The customer moved to the new plan early. (Casey Manager,", Rows(page)[0]);
        Assert.DoesNotContain(page.ButtonNames(), n => n.StartsWith("Cancel the scheduled change"));
        var cancelled = (await App.Demo.AllEventsAsync())[^1];
        Assert.Equal((JobEvents.ScheduleCancelled, "Casey Manager", "The customer moved to the new plan early."),
            (cancelled.Action, cancelled.ActorName, cancelled.Justification));
        Assert.Equal(before, (await App.Demo.ReadAsync(key)).Access);
    }
}
