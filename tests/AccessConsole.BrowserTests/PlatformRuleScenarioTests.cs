using System.Text.RegularExpressions;
using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AccessConsole.BrowserTests;

/// <summary>
/// Scenarios 4 and 2 as platform rules: proposed by one account manager with the impact previewed, approved by a
/// second in a browser of their own, then deciding for subjects that did not exist when the rule was made.
/// </summary>
public sealed class PlatformRuleScenarioTests : IAsyncLifetime
{
    private const int NewSecretsSeed = 4_242;

    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() => app = await BrowserApp.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Scenario_4_subscription_tokens_only_through_first_party_clients_is_one_rule_that_covers_a_harness_added_later()
    {
        const string rule = "Subscriptions only through first-party clients";
        var alex = await OpenNewRuleAsync();
        var dialog = alex.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(rule);
        await dialog.GetByLabel("Credential kind").PickOptionAsync("Subscription OAuth");
        await dialog.GetByLabel("Every third-party client").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Preview impact" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Region, new() { Name = "Impact" })).ToContainTextAsync("would have denied the calls of");
        await Expect(dialog.GetByRole(AriaRole.Table, new() { Name = "By integration" })).ToContainTextAsync(DemoCatalog.Harness);
        await ProposeAsync(dialog, "Unauthorized client", "Subscription plans are for the provider's own clients only.");

        await ApproveAsync($"Create rule {rule}", rule);

        await AddHarnessUsedByPinecrestAsync("Tessellate Agent", "tessellate");
        var sam = await app.SignInAsync("Sam Support", Roles.Support);
        await sam.SearchCustomersAsync(DemoKeys.Secret("pinecrest-subscription", CredentialKind.SubscriptionOAuth));
        var subscription = sam.GetByRole(AriaRole.Article, new() { Name = "Why: pinecrest-subscription" });
        await Expect(subscription).ToContainTextAsync($"Blocked through {DemoCatalog.Harness}: platform rule {rule} denies it");
        await Expect(subscription).ToContainTextAsync($"Blocked through Tessellate Agent: platform rule {rule} denies it");
        await Expect(subscription).ToContainTextAsync("by Alex Manager, approved by Blair Manager");
        await Expect(subscription.GetByRole(AriaRole.Link, new() { Name = rule }).First).ToHaveAttributeAsync("href", new Regex("^/policies/[0-9a-f-]{36}$"));

        await sam.SearchCustomersAsync(DemoKeys.Secret("pinecrest-api"));
        var apiKey = sam.GetByRole(AriaRole.Article, new() { Name = "Why: pinecrest-api" });
        await Expect(apiKey).ToContainTextAsync("Allowed");
        await Expect(apiKey).ToContainTextAsync($"Works through:");
        await Expect(apiKey).ToContainTextAsync("Tessellate Agent");
        await Expect(apiKey).Not.ToContainTextAsync("Blocked through");
    }

    [Fact]
    public async Task Scenario_2_every_competitor_denied_through_Glide_IDE_by_one_rule_including_an_organization_tagged_afterwards()
    {
        const string rule = "Competitors through Glide IDE";
        var alex = await OpenNewRuleAsync();
        var dialog = alex.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(rule);
        await dialog.GetByLabel("Organization tags (any of them, separated by commas)").FillAsync("competitor");
        await dialog.GetByLabel("One integration").CheckAsync();
        await dialog.GetByLabel("Integration", new() { Exact = true }).PickOptionAsync(DemoCatalog.BlockedIde);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Preview impact" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Table, new() { Name = "Largest organizations" })).ToContainTextAsync(DemoCatalog.IdeRival);
        await ProposeAsync(dialog, "Terms — competing product", "Competitors may not reach the models through Glide IDE.");

        await ApproveAsync($"Create rule {rule}", rule);

        var secret = await AddCompetitorUsingGlideAsync("Nimbus Rival Labs");
        var sam = await app.SignInAsync("Sam Support", Roles.Support);
        await sam.SearchCustomersAsync(secret);
        var why = sam.GetByRole(AriaRole.Article, new() { Name = "Why: nimbus-prod" });
        await Expect(why).ToContainTextAsync($"Blocked through {DemoCatalog.BlockedIde}: platform rule {rule} denies it");
        await Expect(why).ToContainTextAsync("by Alex Manager, approved by Blair Manager");

        await sam.GotoAsync("/policies");
        await BrowserApp.WaitForCircuitAsync(sam);
        await Expect(sam.GetByRole(AriaRole.Button, new() { Name = "New rule" })).ToHaveCountAsync(0);
        var row = sam.GetByRole(AriaRole.Row).Filter(new() { HasText = rule });
        await Expect(row).ToContainTextAsync("Active");
        await Expect(row).ToContainTextAsync($"tag competitor; through {DemoCatalog.BlockedIde}");
        await Expect(row).ToContainTextAsync("Blair Manager");
    }

    private async Task<IPage> OpenNewRuleAsync()
    {
        var alex = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await alex.GotoAsync("/policies");
        await BrowserApp.WaitForCircuitAsync(alex);
        await alex.GetByRole(AriaRole.Button, new() { Name = "New rule" }).ClickAsync();
        await Expect(alex.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        return alex;
    }

    private static async Task ProposeAsync(ILocator dialog, string reason, string justification)
    {
        await dialog.GetByLabel("Reason").PickOptionAsync(reason);
        await dialog.GetByLabel("Justification").FillAsync(justification);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Sent for approval");
        await Expect(dialog).ToContainTextAsync("a platform rule change");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
    }

    private async Task ApproveAsync(string summary, string rule)
    {
        var blair = await app.SignInAsync("Blair Manager", Roles.AccountManager);
        await blair.GotoAsync("/approvals");
        await BrowserApp.WaitForCircuitAsync(blair);
        await blair.GetByRole(AriaRole.Button, new() { Name = $"Review {summary}" }).ClickAsync();
        var dialog = blair.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Comment").FillAsync("Checked against the terms; approved.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        // Applied here, or by the app's job worker an instant later; either way the rule is in force before the test goes on.
        await Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync(new Regex($"^Approved(: the change is being applied| and applied: {Regex.Escape(rule)} changed)\\.$"));
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await db.PlatformRules.AnyAsync(r => r.Name == rule && r.ApproverName == "Blair Manager") && DateTime.UtcNow < deadline) await Task.Delay(50);
    }

    private async Task AddHarnessUsedByPinecrestAsync(string name, string clientId)
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        var pinecrest = await db.Organizations.Where(o => o.Name == DemoCatalog.HarnessUser).Select(o => o.Id).SingleAsync();
        var harness = new Integration { Id = Guid.NewGuid(), Name = name, Kind = IntegrationKind.CodingAgent, ClientIdentifiers = [clientId] };
        db.Integrations.Add(harness);
        db.OrganizationIntegrations.Add(new OrganizationIntegration
        {
            Id = Guid.NewGuid(), OrganizationId = pinecrest, IntegrationId = harness.Id, FirstSeenAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>An organization created after the rule: tagged competitor, with one key, using Glide IDE.</summary>
    private async Task<string> AddCompetitorUsingGlideAsync(string name)
    {
        var secret = DemoSecrets.For(NewSecretsSeed, "nimbus-prod", CredentialKind.ApiKey);
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        var glide = await db.Integrations.Where(i => i.Name == DemoCatalog.BlockedIde).Select(i => i.Id).SingleAsync();
        var organization = new Organization
        {
            Id = Guid.NewGuid(), Name = name, NormalizedName = Organization.Normalize(name), Tier = Tier.Build, CreatedAt = DateTime.UtcNow,
            Tags = [new OrganizationTag { Tag = "competitor" }],
        };
        db.Organizations.Add(organization);
        db.ApiKeys.Add(new ApiKey
        {
            Id = Guid.NewGuid(), OrganizationId = organization.Id, Name = "nimbus-prod", DisplayPrefix = KeyFormat.DisplayPrefixOf(secret),
            LastFour = KeyFormat.LastFourOf(secret), SecretHash = KeyFormat.Hash(secret), CreatedAt = DateTime.UtcNow, CreatedBy = "signup",
        });
        db.OrganizationIntegrations.Add(new OrganizationIntegration
        {
            Id = Guid.NewGuid(), OrganizationId = organization.Id, IntegrationId = glide, FirstSeenAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return secret;
    }
}
