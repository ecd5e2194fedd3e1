using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Bunit;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>Revoking through the dialog: an organization's name typed to confirm, and a change that waits for approval.</summary>
public sealed class ChangeAccessDialogTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private const string Quantaform = "Quantaform Research";
    private const string ConfirmQuantaform = "Type the organization's name to confirm: " + Quantaform;

    [Fact]
    public async Task An_organization_is_revoked_only_once_its_name_is_typed_exactly()
    {
        var organization = await App.Demo.OrganizationAsync(Quantaform);
        var before = await App.Demo.SnapshotAsync(organization);
        var dialog = ChangeDialog.Open(App, organization, ChangeKind.Revoke).Because();
        Assert.True(dialog.ConfirmButton.IsDisabled());

        dialog.Field(ConfirmQuantaform).Type("quantaform research");
        Assert.True(dialog.ConfirmButton.IsDisabled());
        await dialog.ConfirmAsync();
        Assert.Equal(before, await App.Demo.SnapshotAsync(organization));

        dialog.Field(ConfirmQuantaform).Type($"  {Quantaform} ");
        Assert.False(dialog.ConfirmButton.IsDisabled());
        await dialog.ConfirmAsync();
        Assert.Equal(AccessState.Revoked, (await App.Demo.ReadAsync(organization)).Access.State);
        Assert.Equal("access.revoke", (await App.Demo.EventsAboutAsync(organization))[^1].Action);
    }

    [Fact]
    public async Task The_dialog_asks_for_no_focus_of_its_own_which_would_take_the_cursor_from_its_first_field()
    {
        var key = await App.Demo.KeyAsync("kestrel-staging");

        var dialog = ChangeDialog.Open(App, key, ChangeKind.Revoke);

        dialog.View.WaitForAssertion(() => dialog.Field("Reason"));
        Assert.Empty(App.FocusRequests(dialog.View));
    }

    [Fact]
    public async Task A_key_is_revoked_without_typing_a_name()
    {
        var key = await App.Demo.KeyAsync("kestrel-staging");
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Revoke).Because();
        Assert.DoesNotContain("Type the organization's name", dialog.Text);

        await dialog.ConfirmAsync();

        Assert.Equal(AccessState.Revoked, (await App.Demo.ReadAsync(key)).Access.State);
    }

    [Fact]
    public async Task Revoking_an_Enterprise_organization_is_sent_for_approval_and_changes_nothing()
    {
        var lab = await App.Demo.OrganizationAsync(DemoCatalog.RivalLab);
        var access = (await App.Demo.ReadAsync(lab)).Access;
        var events = await App.Demo.AuditCountAsync();
        var dialog = ChangeDialog.Open(App, lab, ChangeKind.Revoke).Because("Terms — competing product");
        dialog.Field($"Type the organization's name to confirm: {DemoCatalog.RivalLab}").Type(DemoCatalog.RivalLab);

        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.Contains("Sent for approval", dialog.View.Shown()));
        var text = dialog.View.Shown();
        Assert.Contains("Nothing has changed yet: this change needs a second person's approval (revoking an Enterprise organization (Northwind AI Labs)).", text);
        Assert.Equal("/approvals", dialog.View.Link("Approvals").GetAttribute("href"));
        Assert.Equal(["Done"], dialog.View.ButtonNames());
        Assert.Equal(access, (await App.Demo.ReadAsync(lab)).Access);
        Assert.Equal(events + 1, await App.Demo.AuditCountAsync());
        Assert.Equal(JobEvents.ApprovalRequested, (await App.Demo.AllEventsAsync())[^1].Action);
    }
}
