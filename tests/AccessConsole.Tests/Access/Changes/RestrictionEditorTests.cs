using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Security;
using Bunit;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>The restriction editor inside the change dialog: what is ticked and typed is the restriction saved.</summary>
public sealed class RestrictionEditorTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private const string ListedClients = "Only the integrations ticked";

    private SubjectRef key;

    protected override async Task StartedAsync() => key = await App.Demo.KeyAsync("kestrel-staging");

    [Fact]
    public async Task The_ticked_limits_and_typed_caps_are_the_restriction_saved()
    {
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Restrict).Because();

        dialog.Field("Benchmarking").Tick();
        dialog.Field("Safety evaluation").Tick();
        dialog.Field("sonnet").Tick();
        dialog.Field("First-party clients only").Tick();
        dialog.Field("Subscription OAuth").Tick();
        dialog.Field("Requests per minute cap").Type("500");
        dialog.Field("Tokens per minute cap").Type("200000");
        await dialog.ConfirmAsync();

        Assert.Equal(AccessValue.Restricted(new Restriction
        {
            Purposes = [KeyPurpose.Benchmarking, KeyPurpose.SafetyEvaluation], ModelFamilies = ["sonnet"], FirstPartyClientsOnly = true,
            CredentialKinds = [CredentialKind.SubscriptionOAuth], RequestsPerMinute = 500, TokensPerMinute = 200_000,
        }), (await App.Demo.ReadAsync(key)).Access);
    }

    [Fact]
    public async Task Unticking_a_box_and_clearing_a_cap_leave_them_out()
    {
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Restrict).Because();

        dialog.Field("General").Tick();
        dialog.Field("opus").Tick();
        dialog.Field("Requests per minute cap").Type("100");
        dialog.Field("General").Tick(false);
        dialog.Field("Requests per minute cap").Type("");
        Assert.False(dialog.Field("General").IsChecked());
        await dialog.ConfirmAsync();

        Assert.Equal(AccessValue.Restricted(new Restriction { ModelFamilies = ["opus"] }), (await App.Demo.ReadAsync(key)).Access);
    }

    [Fact]
    public async Task The_catalog_to_tick_appears_only_for_listed_clients_and_the_ticked_ones_are_allowed()
    {
        var dialog = ChangeDialog.Open(App, key, ChangeKind.Restrict).Because();
        Assert.DoesNotContain("Integrations allowed", dialog.Text);

        dialog.Field(ListedClients).Tick();
        Assert.Contains("Integrations allowed", dialog.Text);
        dialog.Field("Atelier CLI").Tick();
        dialog.Field("Glide IDE").Tick();
        dialog.Field("Any client").Tick();
        Assert.DoesNotContain("Integrations allowed", dialog.Text);
        dialog.Field(ListedClients).Tick();
        Assert.True(dialog.Field("Glide IDE").IsChecked());
        await dialog.ConfirmAsync();

        var saved = (await App.Demo.ReadAsync(key)).Access.Restriction!;
        Assert.Equal(
            new HashSet<Guid> { await App.Demo.IntegrationIdAsync("Atelier CLI"), await App.Demo.IntegrationIdAsync("Glide IDE") },
            saved.Integrations!.ToHashSet());
        Assert.False(saved.FirstPartyClientsOnly);
    }

    [Fact]
    public async Task The_editor_starts_from_the_restriction_in_force()
    {
        await App.Demo.ChangesBy("Alex Manager").ChangeAsync(ChangeRequests.Restrict(key, await App.Demo.VersionAsync(key),
            new Restriction { Purposes = [KeyPurpose.Benchmarking], FirstPartyClientsOnly = true, TokensPerMinute = 9_000 }));

        var dialog = ChangeDialog.Open(App, key, ChangeKind.Restrict);

        Assert.Equal(["Benchmarking", "First-party clients only"],
            dialog.View.FindAll("input[checked]").Select(box => dialog.View.Find($"label[for='{box.Id}']").Shown()));
        Assert.Equal("9000", dialog.Field("Tokens per minute cap").GetAttribute("value"));
        Assert.Null(dialog.Field("Requests per minute cap").GetAttribute("value"));
    }
}
