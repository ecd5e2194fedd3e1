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
    public void The_state_badge_names_the_state_in_its_colour(AccessState state, string tone)
    {
        using var ui = new UiComponents(scriptsAllowed: false);

        var badge = Assert.Single(ui.Render<StateBadge>(p => p.Add(b => b.State, state).Add(b => b.Title, "why")).FindAll("[data-tone]"));

        Assert.Equal(state.ToString(), badge.Shown());
        Assert.Equal(tone, badge.GetAttribute("data-tone"));
        Assert.Equal("why", badge.GetAttribute("title"));
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
