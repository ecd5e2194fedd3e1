using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.Playwright;
using static AccessConsole.BrowserTests.Infrastructure.AuditSteps;

namespace AccessConsole.BrowserTests;

/// <summary>Every page of the console, in each state worth seeing: axe-core finds no serious or critical violation, every label names a control, and no text box types past what the circuit carries.</summary>
public sealed class AccessibilityTests(SharedBrowserApp shared) : IClassFixture<SharedBrowserApp>
{
    // One line per page, or per state of a page.
    private static readonly AuditedPage[] Pages =
    [
        new("Lookup", _ => "/"),
        new("Lookup with results", _ => "/", Search(KeyFormat.OAuthMarker)),
        new("Organizations", _ => "/organizations", GridRows("Organizations")),
        new("Organization, Keys tab", d => $"/organizations/{d.Organization(DemoCatalog.RivalLab)}", OpenTab("Keys", "API keys")),
        new("Organization, Integrations tab", d => $"/organizations/{d.Organization(DemoCatalog.RivalLab)}", OpenTab("Integrations", "Integrations used")),
        new("Organization, Usage tab", d => $"/organizations/{d.Organization(DemoCatalog.RivalLab)}", OpenChartTab("Usage")),
        new("Organization, Why tab", d => $"/organizations/{d.Organization(DemoCatalog.StoppedKeyOrganization)}", OpenTabShowing("Why?", "Works through")),
        new("Organization, Timeline tab", d => $"/organizations/{d.Organization(DemoCatalog.DisputedOrganization)}", OpenTabShowing("Timeline", "Revoked")),
        new("Restrict dialog", d => $"/organizations/{d.Organization(DemoCatalog.RivalLab)}", OpenDialog($"Restrict {DemoCatalog.RivalLab}")) { Roles = [Roles.AccountManager] },
        new("Restore dialog", d => $"/organizations/{d.Organization(DemoCatalog.DisputedOrganization)}", OpenDialog($"Restore {DemoCatalog.DisputedOrganization}")) { Roles = [Roles.AccountManager] },
        new("Organization with a scheduled change", d => $"/organizations/{d.Organization("Glide Software")}", Shows("Scheduled changes:")) { Roles = [Roles.AccountManager] },
        new("Cancel a scheduled change dialog", d => $"/organizations/{d.Organization("Glide Software")}",
            async page =>
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the scheduled change: Restrict Glide Software" }).ClickAsync();
                await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel the change" }).WaitForAsync();
            }) { Roles = [Roles.AccountManager] },
        new("My scheduled changes", _ => "/scheduled", Shows("My scheduled changes")) { Roles = [Roles.AccountManager] },
        new("Lookup of a whole key, with why", _ => "/", SearchShowing(DemoKeys.Secret("kestrel-prod"), "Works through")),
        new("Reason codes", _ => "/admin/reason-codes", GridRows("Reason codes")) { Roles = [Roles.Admin] },
        new("Notice templates", _ => "/admin/notice-templates", GridRows("Notice templates")) { Roles = [Roles.Admin] },
        new("Editing a notice template", _ => "/admin/notice-templates",
            async page =>
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Edit the notice for Capacity" }).ClickAsync();
                await page.GetByLabel("Body").WaitForAsync();
            }) { Roles = [Roles.Admin] },
        new("Service credentials", _ => "/admin/service-credentials", Shows("Create credential")) { Roles = [Roles.Admin] },
        new("Organization not found", _ => $"/organizations/{Guid.Empty}", Shows("Organization not found")),
        new("Integrations", _ => "/integrations", GridRows("Integrations")),
        new("Integration", d => $"/integrations/{d.Integration(DemoCatalog.BlockedIde)}", GridRows("Organizations using this integration")),
        new("Platform rules", _ => "/policies", Shows("No platform rule yet.")),
        new("New rule dialog", _ => "/policies", OpenDialog("New rule")) { Roles = [Roles.AccountManager] },
        AuditedPage.Static("Sign in", "/account/signin", roles: null),
        AuditedPage.Static("Development sign-in", "/account/dev-signin", roles: null),
        AuditedPage.Static("Development sign-in, name rejected", "/account/dev-signin?error=name", roles: null),
        AuditedPage.Static("No access", "/account/no-access", roles: []),
        new("Not found", _ => "/not-found"),
        new("Error", _ => "/error"),
    ];

    public static TheoryData<string> PageNames => new(Pages.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PageNames))]
    public async Task The_page_has_no_serious_or_critical_axe_violation(string pageName)
    {
        var page = await OpenAsync(pageName);

        var violations = await AxeAudit.BlockingViolationsAsync(page);

        Assert.True(violations.Count == 0, $"{pageName} ({page.Url}) has serious or critical violations:\n{AxeAudit.Describe(violations)}");
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public async Task The_page_has_no_serious_or_critical_axe_violation_in_the_dark_theme(string pageName)
    {
        var page = await OpenAsync(pageName, dark: true);

        var violations = await AxeAudit.BlockingViolationsAsync(page);

        Assert.True(violations.Count == 0, $"{pageName} in dark ({page.Url}) has serious or critical violations:\n{AxeAudit.Describe(violations)}");
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public async Task Every_visible_label_names_a_control(string pageName)
    {
        var page = await OpenAsync(pageName);

        var labels = await LabelAudit.LabelsNamingNoControlAsync(page);

        Assert.True(labels.Count == 0, $"{pageName} ({page.Url}) shows labels that name no control: {string.Join(", ", labels)}");
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public async Task Every_text_box_stops_typing_within_what_one_circuit_message_carries(string pageName)
    {
        var page = await OpenAsync(pageName);

        var unbounded = await TextLimitAudit.UnboundedTextBoxesAsync(page);

        Assert.True(unbounded.Count == 0, $"{pageName} ({page.Url}) has text boxes that type past {TextLimitAudit.LongestAllowed:N0} characters: {string.Join(", ", unbounded)}");
    }

    [Fact]
    public async Task The_menu_marks_only_the_current_page_as_current()
    {
        var page = await OpenAsync("Organizations");

        var current = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).Locator("[aria-current=page]");
        await Assertions.Expect(current).ToHaveCountAsync(1);
        await Assertions.Expect(current).ToHaveAccessibleNameAsync("Organizations");
    }

    /// <param name="dark">The operating system prefers dark, which the console follows when the person chose no theme.</param>
    private async Task<IPage> OpenAsync(string pageName, bool dark = false)
    {
        var audited = Pages.Single(p => p.Name == pageName);
        var app = await shared.GetAsync();
        var page = audited.Roles switch
        {
            null => await app.NewPageAsync(),
            [] => await app.SignInWithoutRoleAsync("Avery Audit"),
            _ => await app.SignInAsync("Avery Audit", audited.Roles),
        };

        await page.EmulateMediaAsync(new() { ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });
        await page.GotoAsync(audited.Address(await DemoDirectory.ReadAsync(app.Factory.Services)));
        if (audited.Interactive)
        {
            await BrowserApp.WaitForCircuitAsync(page);
            await Assertions.Expect(page.Locator("main")).ToHaveAttributeAsync("data-theme", dark ? "dark" : "light");
        }
        await Assertions.Expect(page.Locator("main")).ToBeVisibleAsync();
        if (audited.Prepare is not null) await audited.Prepare(page);
        return page;
    }
}
