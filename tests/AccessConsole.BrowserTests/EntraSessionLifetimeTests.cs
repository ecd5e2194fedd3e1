using System.Text.RegularExpressions;
using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

/// <summary>A session signed in at the provider ends at its fixed lifetime, however recently it was used.</summary>
public sealed class EntraSessionLifetimeTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(6);
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() =>
        app = await BrowserApp.StartWithEntraAsync(factory => factory.Settings["Authentication:SessionLifetime"] = Lifetime.ToString());

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_session_past_its_lifetime_is_sent_to_sign_in_again()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/organizations");
        await BrowserApp.SignInAtProviderAsync(page, TestOidcProvider.Manager);
        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/organizations");
        await page.ReloadAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/organizations");

        await Task.Delay(Lifetime + TimeSpan.FromSeconds(1));
        await page.ReloadAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(app.BaseUrl)}/account/signin\\?ReturnUrl="));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in with your company account" })).ToBeVisibleAsync();
    }
}
