using System.Net;
using AccessConsole.Tests.Infrastructure;

namespace AccessConsole.Tests.Security;

/// <summary>Whatever arrives at the sign-in callback, it is refused with the sign-in page, never a 500.</summary>
public sealed class EntraCallbackTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        SecurityHeadersTests.UnreachableEntra(factory);
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    public static TheoryData<string> Bodies() => new()
    {
        "(no body)",
        "",
        "code=abc",
        "state=forged&code=abc",
        "state=&code=",
        "state=" + new string('s', 5000) + "&code=abc",
        "error=access_denied&state=forged",
        "state=%ZZ&code=%00",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_callback_without_a_sign_in_started_in_this_browser_is_refused(string body)
    {
        using var content = body == "(no body)" ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await factory.AnonymousClient().PostAsync("/signin-oidc", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin?failed=state", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_callback_with_a_cookie_that_is_not_the_apps_own_is_refused()
    {
        var client = factory.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin-oidc")
        {
            Content = new FormUrlEncodedContent([new("state", "guessed"), new("code", "abc")]),
        };
        // Correlation and nonce cookies as the handler names them, with values the app did not protect.
        request.Headers.Add("Cookie", ".AspNetCore.Correlation.guessed=N; .AspNetCore.OpenIdConnect.Nonce.CfDJ8-not-protected-by-this-app=N");

        var response = await client.SendAsync(request);

        Assert.Equal("/account/signin?failed=state", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unreachable_provider_at_the_start_sends_back_to_the_sign_in_page_with_the_reason()
    {
        var response = await factory.AnonymousClient().GetAsync("/account/signin/entra?returnUrl=%2Forganizations");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin?failed=unavailable", response.Headers.Location!.OriginalString);
        var page = await factory.AnonymousClient().GetStringAsync(response.Headers.Location);
        Assert.Contains("could not be reached", page);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("12")]
    [InlineData("")]
    public async Task The_sign_in_page_shows_only_its_own_texts_for_an_unknown_failure(string failed)
    {
        var page = await factory.AnonymousClient().GetStringAsync("/account/signin?failed=" + Uri.EscapeDataString(failed));

        Assert.DoesNotContain("The sign-in was refused", page);
        Assert.DoesNotContain("<script>alert", page);
        Assert.Contains("Sign in with your company account", page);
    }

    [Fact]
    public async Task The_sign_in_link_keeps_only_a_local_return_url()
    {
        var page = WebUtility.HtmlDecode(await factory.AnonymousClient().GetStringAsync("/account/signin?ReturnUrl=https%3A%2F%2Fevil.example.test%2F"));

        Assert.Contains("/account/signin/entra?returnUrl=%2F\"", page);
        Assert.DoesNotContain("evil.example.test", page);
    }
}
