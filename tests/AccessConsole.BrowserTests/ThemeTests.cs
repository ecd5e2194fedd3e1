using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Web.Security;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

/// <summary>Light or dark: the operating system's preference until the person chooses, and their choice kept.</summary>
public sealed class ThemeTests(SharedBrowserApp shared) : IClassFixture<SharedBrowserApp>
{
    [Fact]
    public async Task The_console_follows_the_systems_dark_preference()
    {
        var app = await shared.GetAsync();
        var page = await app.SignInAsync("Tara Theme", Roles.Support);

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.ReloadAsync();
        await BrowserApp.WaitForCircuitAsync(page);

        await Assertions.Expect(page.Locator("main")).ToHaveAttributeAsync("data-theme", "dark");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" })).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(DarkBackground, await BackgroundAsync(page));
    }

    [Fact]
    public async Task A_chosen_theme_is_kept_over_the_systems_preference()
    {
        var app = await shared.GetAsync();
        var page = await app.SignInAsync("Tara Theme", Roles.Support);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.ReloadAsync();
        await BrowserApp.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("main")).ToHaveAttributeAsync("data-theme", "light");

        await page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToHaveAttributeAsync("data-theme", "dark");
        await page.GotoAsync("/organizations");
        await BrowserApp.WaitForCircuitAsync(page);

        await Assertions.Expect(page.Locator("main")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Equal(DarkBackground, await BackgroundAsync(page));
    }

    // The theme's own background colours (Layout/ConsoleTheme): what the person sees, not just an attribute.
    private const string DarkBackground = "rgb(18, 20, 24)";

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
