using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.Security;

/// <summary>The cookies of a real Entra sign-in (against the test provider), with the app running as in production.</summary>
public sealed class EntraCookieTests
{
    [Fact]
    public async Task Outside_development_every_cookie_of_the_console_is_secure_and_http_only_with_a_same_site_rule()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var factory = new ConsoleFactory(await TestDatabase.DemoCopyAsync()) { EnvironmentName = "Production", ConfigureServicesForTest = provider.TrustItsCertificate };
        provider.Configure(factory);
        factory.StartServer();
        var setCookies = new List<string>();
        using var client = EntraSignInFlow.BrowserLikeClient(provider, setCookies);

        await EntraSignInFlow.SignInAsync(client, provider, TestOidcProvider.Manager, "/organizations");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{provider.AppBaseUrl}/organizations")).StatusCode);
        await client.GetAsync($"{provider.AppBaseUrl}{AuthenticationSetup.NoAccessPath}");

        var appCookies = setCookies.Where(c => c.StartsWith(provider.AppBaseUrl + " ", StringComparison.Ordinal))
            .Select(c => c[(provider.AppBaseUrl.Length + 1)..].ToLowerInvariant())
            .ToList();
        AssertCookie(appCookies, ".aspnetcore.correlation.", "samesite=none");
        AssertCookie(appCookies, ".aspnetcore.openidconnect.nonce.", "samesite=none");
        AssertCookie(appCookies, AuthenticationSetup.CookieName.ToLowerInvariant() + "=", "samesite=lax");
        AssertCookie(appCookies, ".aspnetcore.antiforgery.", "samesite=strict");
        Assert.All(appCookies, cookie =>
        {
            Assert.Contains("; secure", cookie);
            Assert.Contains("; httponly", cookie);
        });
    }

    private static void AssertCookie(IEnumerable<string> cookies, string namePrefix, string sameSite)
    {
        var matching = cookies.Where(c => c.StartsWith(namePrefix, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count > 0, $"No cookie {namePrefix}* was set; the app set: {string.Join(" | ", cookies)}");
        Assert.All(matching, c => Assert.Contains("; " + sameSite, c));
    }
}
