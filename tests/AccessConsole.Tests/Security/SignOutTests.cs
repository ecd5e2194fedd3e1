using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.Security;

/// <summary>Signing out takes the console's own form, with its antiforgery token; another site cannot sign anyone out.</summary>
public sealed class SignOutTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;

    public async ValueTask InitializeAsync() => factory = await ConsoleFactory.WithDemoDataAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_cross_site_form_post_signs_nobody_out()
    {
        var client = await factory.SignedInClientAsync("Alex Manager", Roles.AccountManager);

        // What a form on another site sends: the browser's cookies, but no token of the console's.
        var response = await client.PostAsync(AuthenticationSetup.SignOutPath, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nobody was signed out", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/organizations")).StatusCode);
    }

    [Fact]
    public async Task The_consoles_own_form_signs_out()
    {
        var client = await factory.SignedInClientAsync("Alex Manager", Roles.AccountManager);
        var token = SignIn.AntiforgeryTokenIn(await client.GetStringAsync("/organizations"));
        Assert.NotEmpty(token);

        var response = await client.PostAsync(AuthenticationSetup.SignOutPath, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AuthenticationSetup.SignedOutPath, response.Headers.Location!.OriginalString);
        var signedIn = await client.GetAsync("/organizations");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.StartsWith(AuthenticationSetup.DevSignInPath, signedIn.Headers.Location!.AbsolutePath);
    }
}
