using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.Security;

/// <summary>A person who may not open a page is told which role it needs and which they hold.</summary>
public sealed class RolesNamedTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;

    public async ValueTask InitializeAsync() => factory = await ConsoleFactory.WithDemoDataAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Theory]
    [InlineData(Roles.Support, "/admin/reason-codes", "This page needs the role Admin. You hold Support.")]
    [InlineData(Roles.Support, "/audit", "This page needs the role Legal or Admin. You hold Support.")]
    [InlineData(Roles.Legal, "/bulk", "This page needs the role AccountManager or Admin. You hold Legal.")]
    public async Task The_no_access_page_names_the_roles_the_page_needs(string role, string page, string expected)
    {
        var client = await factory.SignedInClientAsync("Sam " + role, role);

        var refused = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(refused.Headers.Location));

        Assert.Contains(expected, html);
        Assert.DoesNotContain("none of the roles", html);
    }

    [Fact]
    public async Task A_person_without_any_role_is_told_to_ask_for_one()
    {
        var client = await factory.SignedInClientAsync("Norah Norole");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/account/no-access?ReturnUrl=%2Fadmin%2Freason-codes"));

        Assert.Contains("you hold none of the roles this page needs", html);
    }
}
