using System.Net;
using AccessConsole.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AccessConsole.Tests.Security;

public sealed class SecurityHeadersTests
{
    // A page, a redirect, an endpoint, a static file, a missing page, and a refused form post.
    private static readonly (string Method, string Path)[] Requests =
    [
        ("GET", "/account/signin"), ("GET", "/organizations"), ("GET", "/healthz"), ("GET", "/app.css"),
        ("GET", "/no-such-page"), ("POST", "/account/signout"),
    ];

    [Fact]
    public async Task Every_kind_of_response_carries_the_security_headers()
    {
        await using var factory = await ConsoleFactory.WithDemoDataAsync();
        var client = factory.AnonymousClient();

        foreach (var (method, path) in Requests)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? new FormUrlEncodedContent([]) : null });

            var csp = Header(response, "Content-Security-Policy");
            Assert.True(csp is not null, $"{method} {path} ({(int)response.StatusCode}) has no Content-Security-Policy");
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("default-src 'self'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Null(Header(response, "Strict-Transport-Security"));
        }
    }

    [Fact]
    public async Task Outside_development_https_responses_carry_HSTS()
    {
        await using var factory = new ConsoleFactory(await TestDatabase.DemoCopyAsync()) { EnvironmentName = "Production" };
        UnreachableEntra(factory);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://console.example.test"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task In_Entra_mode_forms_may_also_go_to_the_provider_and_nowhere_else()
    {
        await using var factory = await ConsoleFactory.WithDemoDataAsync();
        UnreachableEntra(factory);

        using var response = await factory.AnonymousClient().GetAsync("/account/signin");

        Assert.Contains("form-action 'self' https://127.0.0.1:9;", Header(response, "Content-Security-Policy"));
    }

    internal static void UnreachableEntra(ConsoleFactory factory)
    {
        factory.Settings["Authentication:Mode"] = "Entra";
        factory.Settings["Authentication:Entra:Instance"] = "https://127.0.0.1:9/";
        factory.Settings["Authentication:Entra:TenantId"] = "00000000-0000-0000-0000-00000000000a";
        factory.Settings["Authentication:Entra:ClientId"] = "headers-test";
        factory.Settings["Authentication:Entra:ClientSecret"] = "not-a-real-secret";
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
