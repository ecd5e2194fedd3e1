using System.Globalization;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>The change dialog's Takes effect field: empty changes now, a later time schedules the change, an earlier one is refused there.</summary>
public sealed class ChangeDialogScheduleTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private const string TakesEffect = "Takes effect (UTC, empty for now)";
    private SubjectRef key;

    protected override async Task StartedAsync() => key = await App.Demo.KeyAsync("kestrel-staging");

    private static string LocalTime(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_time_before_now_is_refused_at_Takes_effect_and_nothing_is_written()
    {
        var before = await App.Demo.SnapshotAsync(key);
        var events = await App.Demo.AuditCountAsync();
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Revoke).Because();

        dialog.Field(TakesEffect).Type(LocalTime(DateTime.UtcNow.AddHours(-1)));
        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.Equal([ChangeFields.TakesEffect], dialog.Messages.Select(m => m.Field)));
        Assert.StartsWith("Choose a time after now (", dialog.View.MessageAt(ChangeFields.TakesEffect));
        Assert.EndsWith("UTC), or leave it empty to change now.", dialog.View.MessageAt(ChangeFields.TakesEffect));
        Assert.Equal(before, await App.Demo.SnapshotAsync(key));
        Assert.Equal(events, await App.Demo.AuditCountAsync());
    }

    [Fact]
    public async Task An_end_before_the_change_takes_effect_is_refused_at_Until()
    {
        var before = await App.Demo.SnapshotAsync(key);
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Revoke).Because();

        dialog.Field(TakesEffect).Type(LocalTime(DateTime.UtcNow.AddDays(2)));
        dialog.Field("Until (UTC, optional)").Type(LocalTime(DateTime.UtcNow.AddDays(1)));
        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.Equal([(ChangeFields.Until, "Choose an end after the time the change takes effect.")], dialog.Messages));
        Assert.Equal(before, await App.Demo.SnapshotAsync(key));
    }

    [Fact]
    public async Task A_scheduled_change_that_needs_approval_says_it_keeps_its_time_if_approved_before_then_never_retroactively()
    {
        var lab = await App.Demo.OrganizationAsync(DemoCatalog.RivalLab);
        var access = (await App.Demo.ReadAsync(lab)).Access;
        var at = DateTime.UtcNow.AddDays(2);
        var dialog = ChangeDialog.Open(App, lab, ChangeKind.Revoke).Because("Terms — competing product");
        dialog.Field($"Type the organization's name to confirm: {DemoCatalog.RivalLab}").Type(DemoCatalog.RivalLab);
        dialog.Field(TakesEffect).Type(LocalTime(at));

        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.Contains("Sent for approval", dialog.View.Shown()));
        Assert.Contains($"It is scheduled to take effect at {at:yyyy-MM-dd HH:mm} UTC: approved before then, it keeps that time; still waiting then, "
            + "it takes effect when approved, never retroactively.", dialog.View.Shown());
        Assert.Equal(access, (await App.Demo.ReadAsync(lab)).Access);
        Assert.Equal(JobEvents.ApprovalRequested, (await App.Demo.AllEventsAsync())[^1].Action);
    }

    [Fact]
    public async Task A_later_time_schedules_the_change_and_leaves_the_subject_as_it_is()
    {
        var before = await App.Demo.ReadAsync(key);
        var at = DateTime.UtcNow.AddHours(3);
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Revoke, "kestrel-staging").Because();

        dialog.Field(TakesEffect).Type(LocalTime(at));
        await dialog.ConfirmAsync();

        var outcome = await dialog.Outcome.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(outcome);
        Assert.StartsWith("kestrel-staging", outcome.Message);
        Assert.EndsWith($": revoke scheduled for {at:yyyy-MM-dd HH:mm} UTC", outcome.Message);
        var after = await App.Demo.ReadAsync(key);
        Assert.Equal((before.Access, before.AccessVersion), (after.Access, after.AccessVersion));
        var scheduling = (await App.Demo.AllEventsAsync())[^1];
        Assert.Equal((JobEvents.Scheduled, outcome.AuditSequence, "Casey Manager"), (scheduling.Action, (long?)scheduling.Sequence, scheduling.ActorName));
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        var scheduled = await db.ScheduledChanges.SingleAsync(s => s.SchedulingSequence == scheduling.Sequence);
        Assert.Equal(at.Date.AddHours(at.Hour).AddMinutes(at.Minute), scheduled.TakesEffectAt);
        Assert.Equal(JobState.Scheduled, (await db.ChangeJobs.SingleAsync(j => j.Id == scheduled.JobId)).State);
    }
}
