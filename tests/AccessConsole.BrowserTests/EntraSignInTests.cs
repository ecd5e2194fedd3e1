using System.Text.RegularExpressions;
using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Security;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

/// <summary>Signing in through a real OpenID Connect provider's login form, in Chromium.</summary>
public sealed partial class EntraSignInTests : IAsyncLifetime
{
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() => app = await BrowserApp.StartWithEntraAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_account_manager_signs_in_at_the_provider_and_lands_in_the_console_with_that_role()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/organizations");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/signin"));

        await BrowserApp.SignInAtProviderAsync(page, TestOidcProvider.Manager);

        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/organizations");
        await BrowserApp.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator(".user-name")).ToHaveTextAsync(TestOidcProvider.Manager.Name);
        await Assertions.Expect(page.Locator(".user-roles")).ToHaveTextAsync(Roles.AccountManager);
        await Assertions.Expect(page.Grid("Organizations").DataRows().First).ToBeVisibleAsync();
        Assert.Empty(app.CspViolations);
    }

    [Fact]
    public async Task A_user_without_a_role_sees_the_no_access_page()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/organizations");

        await BrowserApp.SignInAtProviderAsync(page, TestOidcProvider.NoRole);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/no-access"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("none of the roles")).ToBeVisibleAsync();
        Assert.DoesNotContain("Northwind", await page.ContentAsync());
    }

    [Fact]
    public async Task A_forged_state_is_refused_and_nothing_is_signed_in()
    {
        var page = await app.NewPageAsync();
        await page.RouteAsync("**/signin-oidc", async route =>
        {
            var forged = StateField().Replace(route.Request.PostData ?? "", "state=" + new string('A', 43));
            await route.ContinueAsync(new() { PostData = System.Text.Encoding.UTF8.GetBytes(forged) });
        });
        await page.GotoAsync("/organizations");

        await BrowserApp.SignInAtProviderAsync(page, TestOidcProvider.Manager);

        await AssertRefusedAsync(page);
        await AssertSignedOutAsync(page);
    }

    [Fact]
    public async Task A_replayed_answer_is_refused_in_the_same_browser_and_in_another()
    {
        var page = await app.NewPageAsync();
        var answer = page.WaitForRequestAsync(request => request.Url.EndsWith("/signin-oidc", StringComparison.Ordinal) && request.Method == "POST");
        await page.GotoAsync("/organizations");
        await BrowserApp.SignInAtProviderAsync(page, TestOidcProvider.Manager);
        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/organizations");
        var postedFields = (await answer).PostData!;

        await ReplayAsync(page, postedFields);
        await AssertRefusedAsync(page);

        var attacker = await app.NewPageAsync();
        await ReplayAsync(attacker, postedFields);
        await AssertRefusedAsync(attacker);
        await AssertSignedOutAsync(attacker);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_here_and_at_the_provider()
    {
        var page = await app.SignInThroughProviderAsync(TestOidcProvider.Manager);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/account/signed-out");
        await AssertSignedOutAsync(page);
        // The provider's session ended too: signing in again asks for the password again.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with your company account" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_id_token_signed_with_a_key_the_provider_does_not_publish_is_refused()
    {
        app.Provider!.ForgeIdTokenSignatures = true;
        var page = await app.NewPageAsync();
        await page.GotoAsync("/organizations");

        await BrowserApp.SignInAtProviderAsync(page, TestOidcProvider.Manager);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/signin\\?failed=token"));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("could not be verified");
        Assert.Contains(app.Provider.TokenResponses, body => body.Contains("id_token", StringComparison.Ordinal));
        await AssertSignedOutAsync(page);
    }

    [Fact]
    public async Task After_signing_out_the_back_button_shows_no_console_page()
    {
        var page = await app.SignInThroughProviderAsync(TestOidcProvider.Manager);
        await Assertions.Expect(page.Grid("Organizations").DataRows().First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/account/signed-out");
        while (page.Url.StartsWith(app.BaseUrl + "/account/signed-out", StringComparison.Ordinal) || !page.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal))
        {
            if (await page.GoBackAsync() is null) break;
        }

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(app.BaseUrl)}/account/signin"));
        await Assertions.Expect(page.Grid("Organizations").DataRows()).ToHaveCountAsync(0);
    }

    /// <summary>Posts the provider's answer again, from a page of the test's own, as an attacker who captured it would.</summary>
    private async Task ReplayAsync(IPage page, string postedFields)
    {
        var inputs = string.Join("", postedFields.Split('&').Select(pair => pair.Split('=', 2)).Select(pair =>
            $"<input type=\"hidden\" name=\"{Uri.UnescapeDataString(pair[0])}\" value=\"{System.Net.WebUtility.HtmlEncode(Uri.UnescapeDataString(pair[1].Replace('+', ' ')))}\">"));
        await page.SetContentAsync($"<form id=\"replay\" method=\"post\" action=\"{app.BaseUrl}/signin-oidc\">{inputs}</form>");
        await page.EvaluateAsync("document.getElementById('replay').submit()");
    }

    private async Task AssertRefusedAsync(IPage page)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/signin\\?failed=state"));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The sign-in was refused.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("forged, replayed");
    }

    private async Task AssertSignedOutAsync(IPage page)
    {
        await page.GotoAsync("/organizations");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(app.BaseUrl)}/account/signin\\?ReturnUrl="));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in with your company account" })).ToBeVisibleAsync();
    }

    [GeneratedRegex("state=[^&]*")]
    private static partial Regex StateField();
}
