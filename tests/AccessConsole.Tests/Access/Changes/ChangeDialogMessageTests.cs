using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Security;
using Bunit;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>Every message the change dialog shows at a field, each time with nothing written.</summary>
public sealed class ChangeDialogMessageTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private SubjectRef key;

    protected override async Task StartedAsync() => key = await App.Demo.KeyAsync("kestrel-staging");

    [Fact]
    public async Task Confirming_an_empty_restriction_shows_the_message_of_each_missing_field_and_writes_nothing()
    {
        var before = await App.Demo.SnapshotAsync(key);
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Restrict);

        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.Equal(
            [
                (ChangeFields.Restriction, "Choose at least one limit: purposes, models, clients, credential kinds or caps."),
                (ChangeFields.Reason, "Choose a reason."),
                (ChangeFields.Justification, "Write a justification."),
            ],
            dialog.Messages));
        Assert.Equal(before, await App.Demo.SnapshotAsync(key));
    }

    public static TheoryData<string, string, string, string> OneWrongField => new()
    {
        { "Justification", "too short", ChangeFields.Justification, "Write at least 10 characters." },
        { "Ticket", new string('T', 101), ChangeFields.Ticket, "Keep it to 100 characters (it has 101)." },
        { "Policy clause", new string('P', 201), ChangeFields.PolicyClause, "Keep it to 200 characters (it has 201)." },
        { "Until (UTC, optional)", LocalTime(DateTime.UtcNow.AddDays(-1)), ChangeFields.Until, "Choose a time in the future." },
        { "Until (UTC, optional)", LocalTime(DateTime.UtcNow.AddYears(4)), ChangeFields.Until, "Choose a time within three years." },
        { "Requests per minute cap", "0", ChangeFields.RequestsPerMinute, "A cap must be at least 1; to stop all calls, revoke instead." },
        { "Tokens per minute cap", "1000000001", ChangeFields.TokensPerMinute, "A cap must be at most 1,000,000,000." },
    };

    [Theory]
    [MemberData(nameof(OneWrongField))]
    public async Task A_wrong_field_gets_its_message_there_and_nothing_is_written(string label, string typed, string field, string message)
    {
        var before = await App.Demo.SnapshotAsync(key);
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Restrict).Because();
        dialog.Field("haiku").Tick();

        dialog.Field(label).Type(typed);
        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.Equal([(field, message)], dialog.Messages));
        Assert.Equal(before, await App.Demo.SnapshotAsync(key));
    }

    [Fact]
    public async Task Allowing_only_ticked_integrations_with_none_ticked_is_refused_at_the_clients()
    {
        var before = await App.Demo.SnapshotAsync(key);
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Restrict).Because();

        dialog.Field("Only the integrations ticked").Tick();
        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.Equal([(ChangeFields.Clients, "Allow at least one client, or revoke instead.")], dialog.Messages));
        Assert.Equal(before, await App.Demo.SnapshotAsync(key));
    }

    [Fact]
    public async Task A_subject_changed_since_the_dialog_opened_is_refused_at_the_version()
    {
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Revoke).Because();
        await App.Demo.ChangesBy("Alex Manager").ChangeAsync(ChangeRequests.Restrict(key, await App.Demo.VersionAsync(key), new Restriction { RequestsPerMinute = 10 }));
        var before = await App.Demo.SnapshotAsync(key);

        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.Matches(
            @"^kestrel-staging \(sk-ant-api03-.+\) was changed by Alex Manager at \d{4}-\d\d-\d\d \d\d:\d\d UTC since you opened it "
            + @"\(it is now Restricted: 10 requests/min\)\. Reload, then decide again\.$",
            dialog.View.MessageAt(ChangeFields.Version)));
        Assert.Single(dialog.Messages);
        Assert.Equal(before, await App.Demo.SnapshotAsync(key));
    }

    [Fact]
    public async Task Revoking_a_revoked_key_is_refused_at_the_subject()
    {
        var revoked = await App.Demo.KeyAsync("kestrel-prod");
        var before = await App.Demo.SnapshotAsync(revoked);
        var dialog = ChangeDialog.Open(App, revoked, ChangeKind.Revoke).Because();

        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.Equal([(ChangeFields.Subject, "This subject is already revoked.")], dialog.Messages));
        Assert.Equal(before, await App.Demo.SnapshotAsync(revoked));
    }

    [Fact]
    public async Task Restoring_full_access_that_is_already_there_is_refused_at_the_restore()
    {
        var before = await App.Demo.SnapshotAsync(key);
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Restore).Because("Dispute resolved");
        Assert.Equal(["Full access (Active, no limits)"], dialog.View.FindAll("input[type=radio]").Select(r => dialog.View.Find($"label[for='{r.Id}']").Shown()));

        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.Equal([(ChangeFields.Restore, "This subject already has full access.")], dialog.Messages));
        Assert.Equal(before, await App.Demo.SnapshotAsync(key));
    }

    [Fact]
    public void A_subject_that_no_longer_exists_says_so_and_offers_nothing_to_confirm()
    {
        var gone = new SubjectRef(SubjectKind.Organization, Guid.NewGuid());

        var dialog = ChangeDialog.Open(App, gone, ChangeKind.Revoke);

        dialog.View.WaitForAssertion(() => Assert.Equal("This subject no longer exists.", dialog.View.Find("[role=dialog] [role=status]").Shown()));
        Assert.Equal(["Close"], dialog.View.ButtonNames());
    }

    /// <summary>A time as a datetime-local field holds it (the dialog reads it as UTC).</summary>
    private static string LocalTime(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
