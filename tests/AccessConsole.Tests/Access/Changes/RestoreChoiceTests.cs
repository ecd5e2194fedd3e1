using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Bunit;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>
/// Restoring the demo's disputed organization, capped and then revoked for non-payment: back to the cap it had
/// before, or to full access when that is chosen.
/// </summary>
public sealed class RestoreChoiceTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private const string Previous = "The access before the last change: Restricted: 500 requests/min; 200,000 tokens/min";
    private const string Full = "Full access (Active, no limits)";
    private static readonly AccessValue Capped = AccessValue.Restricted(new Restriction { RequestsPerMinute = 500, TokensPerMinute = 200_000 });

    private SubjectRef meridian;

    protected override async Task StartedAsync() => meridian = await App.Demo.OrganizationAsync(DemoCatalog.DisputedOrganization);

    [Fact]
    public void Restore_offers_the_previous_access_first_and_full_access_as_a_choice_and_shows_the_result()
    {
        var dialog = ChangeDialog.Open(App, meridian, ChangeKind.Restore);
        Assert.True(dialog.Field(Previous).IsChecked());
        Assert.False(dialog.Field(Full).IsChecked());
        Assert.Equal("Result: Restricted: 500 requests/min; 200,000 tokens/min", Result(dialog));

        dialog.Field(Full).Tick();
        Assert.Equal("Result: Active", Result(dialog));
        Assert.True(dialog.Field(Full).IsChecked());

        dialog.Field(Previous).Tick();
        Assert.Equal("Result: Restricted: 500 requests/min; 200,000 tokens/min", Result(dialog));
    }

    [Fact]
    public async Task Confirming_the_previous_access_gives_the_cap_back()
    {
        var dialog = ChangeDialog.Open(App, meridian, ChangeKind.Restore).Because("Dispute resolved");

        await dialog.ConfirmAsync();

        Assert.Equal(Capped, (await App.Demo.ReadAsync(meridian)).Access);
    }

    [Fact]
    public async Task Confirming_full_access_lifts_every_limit()
    {
        var dialog = ChangeDialog.Open(App, meridian, ChangeKind.Restore).Because("Dispute resolved");
        dialog.Field(Full).Tick();

        await dialog.ConfirmAsync();

        Assert.Equal(AccessValue.Active, (await App.Demo.ReadAsync(meridian)).Access);
    }

    [Fact]
    public void A_restore_has_no_until_because_it_does_not_lift_itself()
    {
        var dialog = ChangeDialog.Open(App, meridian, ChangeKind.Restore);

        Assert.DoesNotContain(dialog.View.FindAll("label"), l => l.Shown().StartsWith("Until"));
    }

    private static string Result(ChangeDialog dialog) =>
        Assert.Single(dialog.View.FindAll("[role=status]"), s => s.Shown().StartsWith("Result:")).Shown();
}
