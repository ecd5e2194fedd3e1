using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Security;
using Bunit;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>The Revoke, Restrict and Restore buttons: only for those who may change access, each opening the change dialog.</summary>
public sealed class ChangeButtonsTests
{
    private const string Kestrel = "Kestrel Robotics";

    [Theory]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Legal)]
    public async Task Support_and_Legal_see_no_change_buttons(string role)
    {
        await using var app = await ConsoleComponents.StartAsync("Robin Reader", role);

        var buttons = await RenderAsync(app, AccessState.Restricted);

        Assert.Empty(buttons.FindAll("button"));
        Assert.Equal("", buttons.Shown());
    }

    [Theory]
    [InlineData(Roles.AccountManager)]
    [InlineData(Roles.Admin)]
    public async Task Account_managers_and_admins_may_revoke_restrict_and_restore_what_is_not_active(string role)
    {
        await using var app = await ConsoleComponents.StartAsync("Casey Changer", role);

        var active = await RenderAsync(app, AccessState.Active);
        var kestrel = await app.Demo.OrganizationAsync(Kestrel);
        var restricted = app.Render<ChangeButtons>(p => p
            .Add(b => b.Subject, kestrel).Add(b => b.SubjectName, Kestrel).Add(b => b.State, AccessState.Restricted));

        Assert.Equal([$"Revoke {Kestrel}", $"Restrict {Kestrel}", $"Restore {Kestrel}"], active.ButtonNames());
        Assert.Equal([false, false, true], active.FindAll("button").Select(b => b.IsDisabled()));
        Assert.Equal([false, false, false], restricted.FindAll("button").Select(b => b.IsDisabled()));
    }

    [Fact]
    public async Task A_confirmed_change_closes_the_dialog_and_tells_the_page()
    {
        await using var app = await ConsoleComponents.StartAsync("Casey Manager", Roles.AccountManager);
        var changed = 0;
        var screen = await RenderAsync(app, AccessState.Active, () => changed++);

        screen.Button($"Restrict {Kestrel}").Click();
        screen.WaitForAssertion(() => Assert.Equal([$"Restrict {Kestrel}"], screen.DialogTitles()));
        screen.Labelled("haiku").Tick();
        screen.PickOption("Reason", "Capacity");
        screen.Labelled("Justification").Type(ChangeRequests.Justification);
        screen.Button("Confirm").Click();

        screen.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Empty(screen.DialogTitles());
        Assert.Equal(AccessValue.Restricted(new Restriction { ModelFamilies = ["haiku"] }),
            (await app.Demo.ReadAsync(await app.Demo.OrganizationAsync(Kestrel))).Access);
    }

    [Fact]
    public async Task Cancel_closes_the_dialog_and_changes_nothing()
    {
        await using var app = await ConsoleComponents.StartAsync("Casey Manager", Roles.AccountManager);
        var organization = await app.Demo.OrganizationAsync(Kestrel);
        var before = await app.Demo.SnapshotAsync(organization);
        var changed = 0;
        var screen = await RenderAsync(app, AccessState.Active, () => changed++);

        screen.Button($"Revoke {Kestrel}").Click();
        screen.WaitForAssertion(() => Assert.Equal([$"Revoke {Kestrel}"], screen.DialogTitles()));
        screen.Button("Cancel").Click();

        screen.WaitForAssertion(() => Assert.Empty(screen.DialogTitles()));
        Assert.Equal(0, changed);
        Assert.Equal(before, await app.Demo.SnapshotAsync(organization));
    }

    // A button's handler here runs until its dialog closes, so the tests click without awaiting handlers and wait
    // for what the screen shows instead.
    private static async Task<IRenderedComponent<UiComponents.WithDialogs>> RenderAsync(ConsoleComponents app, AccessState state, Action? changed = null)
    {
        var subject = await app.Demo.OrganizationAsync(Kestrel);
        return app.RenderWithDialogs<ChangeButtons>(p => p
            .Add(b => b.Subject, subject).Add(b => b.SubjectName, Kestrel).Add(b => b.State, state)
            .Add(b => b.Changed, changed ?? (() => { })));
    }
}
