using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Access.Explanations;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>Changes on an integration (for everyone) and on one organization's use of one integration.</summary>
public sealed class SubjectKindTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;
    private AccessExplanationService explanations = null!;

    public async ValueTask InitializeAsync()
    {
        demo = await DemoDatabase.OpenAsync();
        explanations = new AccessExplanationService(demo.Contexts, new TestActor("Sam Support", Roles.Support), demo.Clock);
    }

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task Revoking_one_organizations_use_of_an_ide_blocks_only_that_path()
    {
        // Scenario 2, single organization: Helix through Glide IDE; its other clients and Glide's other users are untouched.
        var glide = await demo.IntegrationIdAsync(DemoCatalog.BlockedIde);
        var use = await UseAsync(DemoCatalog.IdeRival, glide);

        var result = await demo.ChangesBy("Dana Whitfield").ChangeAsync(ChangeRequests.Revoke(use, await demo.VersionAsync(use)) with
        {
            ReasonCode = StandardReasonCodes.UnauthorizedClient,
        });

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var recorded = Assert.Single(await demo.EventsAboutAsync(use));
        Assert.Equal(("OrganizationIntegration", "Helix Intelligence through Glide IDE", DemoCatalog.IdeRival),
            (recorded.SubjectKind, recorded.SubjectName, recorded.OrganizationName));

        var helixKey = await ExplainAsync("helix-dev-team");
        Assert.True(helixKey.Decision.Allowed);
        Assert.Equal([DemoCatalog.BlockedIde], helixKey.BlockedThrough.Select(c => c.IntegrationName));
        Assert.NotEmpty(helixKey.WorksThrough);

        var otherUser = await demo.OrganizationAsync("Quantaform Research");
        var others = (await explanations.ExplainOrganizationAsync(otherUser.Id))!;
        var working = others.Keys.Where(k => k.Decision.Allowed).ToList(); // a generated key may have expired
        Assert.NotEmpty(working);
        Assert.All(working, k => Assert.Contains(k.WorksThrough, c => c.IntegrationId == glide));
    }

    [Fact]
    public async Task An_integration_restricted_to_api_keys_stops_subscription_tokens_through_it_for_everyone()
    {
        // Scenario 4: subscription OAuth tokens only through the provider's own clients.
        var harness = new SubjectRef(SubjectKind.Integration, await demo.IntegrationIdAsync(DemoCatalog.Harness));

        var result = await demo.ChangesBy("Priya Raman", Roles.Admin).ChangeAsync(ChangeRequests.Restrict(harness, await demo.VersionAsync(harness),
            new Restriction { CredentialKinds = [CredentialKind.ApiKey] }) with { ReasonCode = StandardReasonCodes.UnauthorizedClient });

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var recorded = Assert.Single(await demo.EventsAboutAsync(harness));
        Assert.Null(recorded.OrganizationId);
        var subscription = await ExplainAsync("pinecrest-subscription");
        var apiKey = await ExplainAsync("pinecrest-api");
        Assert.Equal([DemoCatalog.Harness], subscription.BlockedThrough.Select(c => c.IntegrationName));
        Assert.Contains(subscription.WorksThrough, c => c.IntegrationName == "Atelier SDKs");
        Assert.Empty(apiKey.BlockedThrough);
    }

    [Fact]
    public async Task An_organization_restricted_to_models_caps_and_one_client_works_only_within_them()
    {
        // Scenario 3: a vendor about to be acquired by a rival keeps smaller models, capped, through the provider's CLI.
        var vendor = await demo.OrganizationAsync(DemoCatalog.AcquiredVendor);
        var cli = await demo.IntegrationIdAsync("Atelier CLI");
        var limits = new Restriction { ModelFamilies = ["haiku", "sonnet"], Integrations = [cli], RequestsPerMinute = 300, TokensPerMinute = 100_000 };

        var result = await demo.ChangesBy("Priya Raman").ChangeAsync(ChangeRequests.Restrict(vendor, await demo.VersionAsync(vendor), limits) with
        {
            ReasonCode = StandardReasonCodes.Capacity,
            TicketReference = "EXEC-77",
        });

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal("EXEC-77", Assert.Single(await demo.EventsAboutAsync(vendor)).TicketReference);
        var key = await ExplainAsync("slipstream-prod");
        Assert.True(key.Decision.Allowed);
        Assert.Equal(limits, key.Decision.Restriction);
        Assert.Equal([cli], key.WorksThrough.Select(c => c.IntegrationId));
        Assert.True(key.BlockedThrough.Any());
    }

    [Fact]
    public async Task Previews_of_an_integration_and_of_one_use_count_what_they_reach()
    {
        var glide = await demo.IntegrationIdAsync(DemoCatalog.BlockedIde);
        var previews = new ChangePreviewService(demo.Contexts, new TestActor("Alex Account", Roles.AccountManager), demo.Clock);
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var users = await db.OrganizationIntegrations.Where(oi => oi.IntegrationId == glide).ToListAsync();
        var use = await UseAsync(DemoCatalog.IdeRival, glide);

        var whole = (await previews.PreviewAsync(new SubjectRef(SubjectKind.Integration, glide)))!;
        var one = (await previews.PreviewAsync(use))!;

        Assert.Equal(users.Count, whole.Impact.Organizations);
        Assert.Equal(users.Sum(u => u.RecentRequests), whole.Impact.RecentRequests);
        Assert.Equal(users.Single(u => u.Id == use.Id).RecentRequests, one.Impact.RecentRequests);
        Assert.Equal("Helix Intelligence through Glide IDE", one.SubjectName);
    }

    private async Task<SubjectRef> UseAsync(string organizationName, Guid integrationId)
    {
        var organization = await demo.OrganizationAsync(organizationName);
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var id = await db.OrganizationIntegrations.Where(oi => oi.OrganizationId == organization.Id && oi.IntegrationId == integrationId).Select(oi => oi.Id).SingleAsync();
        return new SubjectRef(SubjectKind.OrganizationIntegration, id);
    }

    private async Task<KeyExplanation> ExplainAsync(string keyName) =>
        (await explanations.ExplainKeyAsync((await demo.KeyAsync(keyName)).Id))!;
}
