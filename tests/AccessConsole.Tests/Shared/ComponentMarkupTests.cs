using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Shared;
using Bunit;

namespace AccessConsole.Tests.Shared;

/// <summary>Markup of small components; no script may run for them.</summary>
public sealed class ComponentMarkupTests
{
    [Theory]
    [InlineData(AccessState.Active, "success")]
    [InlineData(AccessState.Restricted, "warning")]
    [InlineData(AccessState.Revoked, "danger")]
    public async Task The_state_badge_names_the_state_in_its_colour(AccessState state, string tone)
    {
        // A MudBlazor chip's services are disposed asynchronously only.
        await using var ui = new UiComponents(scriptsAllowed: false);

        var badge = Assert.Single(ui.Render<StateBadge>(p => p.Add(b => b.State, state).Add(b => b.Title, "why")).FindAll("[data-tone]"));

        Assert.Equal(state.ToString(), badge.Shown());
        Assert.Equal(tone, badge.GetAttribute("data-tone"));
        Assert.Equal("why", badge.GetAttribute("title"));
        Assert.Equal(state.ToString().ToLowerInvariant(), badge.GetAttribute("data-state-chip"));
    }

    [Fact]
    public async Task An_expired_key_reads_Expired_and_keeps_its_stored_state_in_the_tooltip()
    {
        await using var ui = new UiComponents(scriptsAllowed: false);

        var badge = Assert.Single(ui.Render<StateBadge>(p => p.Add(b => b.State, AccessState.Active).Add(b => b.Expired, true).Add(b => b.Title, "full access"))
            .FindAll("[data-state-chip]"));

        Assert.Equal("Expired", badge.Shown());
        Assert.Equal("expired", badge.GetAttribute("data-state-chip"));
        Assert.Equal("danger", badge.GetAttribute("data-tone"));
        Assert.Equal("Expired: every call with it is denied. Its own access is Active (full access).", badge.GetAttribute("title"));
    }

    [Theory]
    [InlineData(AccessConsole.Web.Integrations.IntegrationKind.Ide, "IDE")]
    [InlineData(AccessConsole.Web.Integrations.IntegrationKind.FirstPartyClient, "First-party client")]
    [InlineData(AccessConsole.Web.Integrations.IntegrationKind.CodingAgent, "Coding agent")]
    [InlineData(CredentialKind.ApiKey, "API key")]
    [InlineData(CredentialKind.SubscriptionOAuth, "Subscription OAuth")]
    [InlineData(KeyPurpose.SafetyEvaluation, "Safety evaluation")]
    public void Enum_values_read_as_words(object value, string words)
    {
        Assert.Equal(words, ((Enum)value).Label());
    }

    [Fact]
    public void The_masked_key_shows_only_what_it_is_given()
    {
        using var ui = new UiComponents(scriptsAllowed: false);

        var key = ui.Render<MaskedKey>(p => p.Add(k => k.Text, "sk-ant-api03-Ab12cD34…Xy9z")).Find(".masked-key");

        Assert.Equal("sk-ant-api03-Ab12cD34…Xy9z", key.Shown());
    }

    [Fact]
    public void The_masked_key_encodes_markup()
    {
        using var ui = new UiComponents(scriptsAllowed: false);

        var key = ui.Render<MaskedKey>(p => p.Add(k => k.Text, "<script>alert(1)</script>"));

        Assert.Empty(key.FindAll("script"));
        Assert.Equal("<script>alert(1)</script>", key.Find(".masked-key").Shown());
        Assert.Contains("&lt;script&gt;", key.Markup);
    }
}
