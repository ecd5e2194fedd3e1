using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Access.Explanations;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Gateway.ChangeFeed;
using AccessConsole.Web.Gateway.Decisions;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Gateway;

public sealed class DecisionApiTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private HttpClient gateway = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        gateway = factory.GatewayHttpClient(await factory.CreateCredentialAsync());
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Scenario_1_evaluation_keys_keep_working_general_keys_stop_as_in_the_why_panel()
    {
        await factory.ChangeAsync(await factory.OrganizationAsync(DemoCatalog.RivalLab), ChangeKind.Restrict, StandardReasonCodes.CompetingProduct,
            new Restriction { Purposes = [KeyPurpose.Benchmarking, KeyPurpose.SafetyEvaluation] });

        await AssertSameAsWhyPanelAsync("northwind-general-prod", expectAllowed: false);
        await AssertSameAsWhyPanelAsync("northwind-benchmarks", expectAllowed: true);
        await AssertSameAsWhyPanelAsync("northwind-safety-evals", expectAllowed: true);
        var general = await EventuallyAsync("northwind-general-prod", null, allowed: false);
        var layer = Assert.Single(general.Layers);
        Assert.Equal(nameof(SubjectKind.Organization), layer.Kind);
        Assert.Equal(StandardReasonCodes.CompetingProduct, layer.ReasonCode);
        Assert.NotNull(layer.AuditSequence);
    }

    [Fact]
    public async Task Scenario_2_one_organization_blocked_through_one_ide_only()
    {
        await factory.ChangeAsync(await factory.UseAsync(DemoCatalog.IdeRival, DemoCatalog.BlockedIde), ChangeKind.Revoke, StandardReasonCodes.UnauthorizedClient);

        await AssertSameAsWhyPanelAsync("helix-dev-team", expectAllowed: false, clientId: "glide-ide");
        await AssertSameAsWhyPanelAsync("helix-dev-team", expectAllowed: true, clientId: "sdk-python");
        // Another competitor still reaches the models through the same IDE.
        var other = await gateway.DecideAsync(new DecisionItem(KeyHash("northwind-research"), "glide-ide", null));
        Assert.Equal("allow", Assert.Single(other.Items).Decision);
    }

    [Fact]
    public async Task Scenario_3_capacity_cut_reports_model_families_and_caps()
    {
        await factory.ChangeAsync(await factory.OrganizationAsync(DemoCatalog.AcquiredVendor), ChangeKind.Restrict, StandardReasonCodes.Capacity,
            new Restriction { ModelFamilies = ["haiku", "sonnet"], RequestsPerMinute = 100, TokensPerMinute = 50_000 });

        var opus = await EventuallyAsync("slipstream-prod", null, allowed: false, model: "opus");
        var sonnet = await EventuallyAsync("slipstream-prod", null, allowed: true, model: "sonnet");

        Assert.Contains("model family opus not allowed", string.Join(";", opus.Denials));
        Assert.Equal(100, sonnet.Restriction.RequestsPerMinute);
        Assert.Equal(50_000, sonnet.Restriction.TokensPerMinute);
        Assert.Equal(["haiku", "sonnet"], sonnet.Restriction.ModelFamilies);
    }

    [Fact]
    public async Task Scenario_4_subscription_tokens_only_through_first_party_clients()
    {
        await factory.ChangeAsync(await factory.IntegrationAsync(DemoCatalog.Harness), ChangeKind.Restrict, StandardReasonCodes.UnauthorizedClient,
            new Restriction { CredentialKinds = [CredentialKind.ApiKey] });

        await AssertSameAsWhyPanelAsync("pinecrest-subscription", expectAllowed: false, clientId: "openharness", kind: CredentialKind.SubscriptionOAuth);
        await AssertSameAsWhyPanelAsync("pinecrest-api", expectAllowed: true, clientId: "openharness");
        var firstParty = await gateway.DecideAsync(new DecisionItem(KeyHash("pinecrest-subscription", CredentialKind.SubscriptionOAuth), "atelier-cli", null));
        Assert.Equal("allow", Assert.Single(firstParty.Items).Decision);
    }

    [Fact]
    public async Task Scenario_6_restored_organization_gets_its_capacity_cap_back()
    {
        Assert.Equal("deny", (await EventuallyAsync("meridian-prod", null, allowed: false)).Decision);

        await factory.ChangeAsync(await factory.OrganizationAsync(DemoCatalog.DisputedOrganization), ChangeKind.Restore, StandardReasonCodes.DisputeResolved);

        var restored = await EventuallyAsync("meridian-prod", null, allowed: true);
        Assert.Equal(500, restored.Restriction.RequestsPerMinute);
        await AssertSameAsWhyPanelAsync("meridian-prod", expectAllowed: true);
    }

    [Fact]
    public async Task Scenario_7_the_stopped_key_is_denied_by_its_own_layer_and_the_other_works()
    {
        await AssertSameAsWhyPanelAsync("kestrel-prod", expectAllowed: false);
        await AssertSameAsWhyPanelAsync("kestrel-staging", expectAllowed: true);
        var stopped = await EventuallyAsync("kestrel-prod", null, allowed: false);
        Assert.Equal(StandardReasonCodes.KeyExposed, Assert.Single(stopped.Layers).ReasonCode);
    }

    [Fact]
    public async Task An_unknown_key_is_denied_as_unknown()
    {
        var answers = await gateway.DecideAsync(new DecisionItem(KeyFormat.Hash(KeyFormat.ApiKeyMarker + new string('z', KeyFormat.BodyLength)), null, null));

        var answer = Assert.Single(answers.Items);
        Assert.Equal("deny", answer.Decision);
        Assert.Equal(["unknown key"], answer.Denials);
    }

    [Fact]
    public async Task Hashes_in_upper_case_are_accepted_and_answers_keep_the_order_asked()
    {
        var answers = await gateway.DecideAsync(
            new DecisionItem(KeyHash("kestrel-prod").ToUpperInvariant(), null, null),
            new DecisionItem(KeyHash("kestrel-staging"), null, null));

        Assert.Equal([KeyHash("kestrel-prod"), KeyHash("kestrel-staging")], answers.Items.Select(i => i.KeyHash));
        Assert.Equal(["deny", "allow"], answers.Items.Select(i => i.Decision));
    }

    [Theory]
    [InlineData("{}", "items")]
    [InlineData("{\"items\": []}", "items")]
    [InlineData("{\"items\": [{\"keyHash\": \"abc\"}]}", "items[0].keyHash")]
    [InlineData("{\"items\": [{\"keyHash\": null}]}", "items[0].keyHash")]
    [InlineData("{\"items\": [{\"keyHash\": \"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\"}]}", "items[0].keyHash")]
    [InlineData("{\"items\": [{\"keyHash\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"clientId\": \"<script>\"}]}", "items[0].clientId")]
    [InlineData("{\"items\": [{\"keyHash\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"modelFamily\": \"\"}]}", "items[0].modelFamily")]
    [InlineData("not json at all", "body")]
    [InlineData("{\"items\": 42}", "body")]
    public async Task Malformed_input_is_400_problem_details_naming_the_field(string body, string field)
    {
        var response = await gateway.PostAsync("/api/v1/decisions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem.RootElement}");
    }

    [Fact]
    public async Task More_than_100_items_are_refused()
    {
        var items = Enumerable.Range(0, 101).Select(_ => new DecisionItem(new string('a', 64), null, null)).ToArray();

        var response = await gateway.PostAsJsonAsync("/api/v1/decisions", new DecisionBatch(items));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_both_endpoints()
    {
        var document = await factory.CreateClient().GetStringAsync("/openapi/v1.json");

        using var json = JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/decisions", out var decisions));
        Assert.True(decisions.TryGetProperty("post", out var decide));
        var body = decide.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(body.GetProperty("properties").GetProperty("items").GetProperty("items").GetProperty("properties").TryGetProperty("keyHash", out _));
        Assert.True(paths.TryGetProperty("/api/v1/changes", out var changes));
        Assert.True(changes.TryGetProperty("get", out _));
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty(nameof(DecisionAnswers), out _));
        Assert.True(schemas.TryGetProperty(nameof(AccessChangePage), out _));
        Assert.False(paths.TryGetProperty("/account/dev-signin", out _), "console-only endpoints stay out of the gateway document");
    }

    private static string KeyHash(string keyName, CredentialKind kind = CredentialKind.ApiKey) => KeyFormat.Hash(DemoKeys.Secret(keyName, kind));

    /// <summary>Asks until the answer is as expected (the snapshot follows a change within a second) and returns it.</summary>
    private async Task<DecisionAnswer> EventuallyAsync(string keyName, string? clientId, bool allowed, string? model = null, CredentialKind kind = CredentialKind.ApiKey)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var answer = Assert.Single((await gateway.DecideAsync(new DecisionItem(KeyHash(keyName, kind), clientId, model))).Items);
            if ((answer.Decision == "allow") == allowed || DateTime.UtcNow > deadline) return answer;
            await Task.Delay(50);
        }
    }

    private async Task AssertSameAsWhyPanelAsync(string keyName, bool expectAllowed, string? clientId = null, CredentialKind kind = CredentialKind.ApiKey)
    {
        var explanations = new AccessExplanationService(factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(),
            new TestActor("Sam", Roles.Support), TimeProvider.System);
        var why = (await explanations.ExplainKeyAsync(await factory.KeyIdAsync(keyName)))!;
        var panel = clientId is null ? why.Decision : why.Clients.Single(c => IntegrationHasClient(c.IntegrationName, clientId)).Decision;
        var api = await EventuallyAsync(keyName, clientId, expectAllowed, kind: kind);

        Assert.Equal(expectAllowed, panel.Allowed);
        Assert.Equal(panel.Allowed ? "allow" : "deny", api.Decision);
        Assert.Equal(panel.Denials, api.Denials);
        Assert.Equal(panel.DecidedBy.Select(d => d.Layer.Provenance.AuditSequence), api.Layers.Select(l => l.AuditSequence));
    }

    private static bool IntegrationHasClient(string integrationName, string clientId) =>
        DemoCatalog.Integrations.Single(i => i.Name == integrationName).ClientIds.Contains(clientId);
}
