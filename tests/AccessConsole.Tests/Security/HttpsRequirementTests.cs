using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AccessConsole.Tests.Security;

/// <summary>
/// Outside Development, plain HTTP gets a clear answer naming the setting; behind a proxy that ends TLS, the
/// forwarded-headers setting makes forms work.
/// </summary>
public sealed class HttpsRequirementTests
{
    [Fact]
    public async Task Over_plain_http_in_production_a_page_says_what_to_set_and_is_never_a_500()
    {
        await using var factory = await ProductionAsync(forwardedHeaders: false);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://console.example.test"), AllowAutoRedirect = false });

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/account/signin"), (HttpMethod.Post, AuthenticationSetup.SignOutPath), (HttpMethod.Get, "/organizations") })
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? new FormUrlEncodedContent([]) : null };
            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED=true", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_proxy_that_ends_tls_the_forwarded_headers_setting_makes_form_posts_work()
    {
        await using var factory = await ProductionAsync(forwardedHeaders: true);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://console.example.test"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var session = SessionCookie.For(factory.Services, "Alex Manager", Roles.AccountManager);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/account/no-access");
        get.Headers.Add("Cookie", session);

        var page = await client.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        using var signOut = new HttpRequestMessage(HttpMethod.Post, AuthenticationSetup.SignOutPath)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", SignIn.AntiforgeryTokenIn(await page.Content.ReadAsStringAsync()))]),
        };
        signOut.Headers.Add("Cookie", $"{session}; {antiforgeryCookie}");
        var response = await client.SendAsync(signOut);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AuthenticationSetup.SignedOutPath, response.Headers.Location!.OriginalString);
    }

    private static async Task<ConsoleFactory> ProductionAsync(bool forwardedHeaders)
    {
        var factory = new ConsoleFactory(await TestDatabase.DemoCopyAsync()) { EnvironmentName = "Production" };
        SecurityHeadersTests.UnreachableEntra(factory);
        if (forwardedHeaders) factory.Settings["FORWARDEDHEADERS_ENABLED"] = "true";
        return factory;
    }
}
