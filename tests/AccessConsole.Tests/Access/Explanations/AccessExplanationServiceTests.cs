using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Explanations;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.Access.Explanations;

/// <summary>What support sees when asked why a key works or not.</summary>
public sealed class AccessExplanationServiceTests : IAsyncLifetime
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
    public async Task Scenario_1_general_keys_stop_and_evaluation_keys_keep_working()
    {
        var lab = await demo.OrganizationAsync(DemoCatalog.RivalLab);
        var restricted = await demo.ChangesBy("Dana Whitfield").ChangeAsync(ChangeRequests.Restrict(lab, await demo.VersionAsync(lab),
            new Restriction { Purposes = [KeyPurpose.Benchmarking, KeyPurpose.SafetyEvaluation] }) with
        {
            ReasonCode = StandardReasonCodes.CompetingProduct,
            Justification = "Used the API to build and benchmark a competing model; evaluation use stays allowed.",
        });
        Assert.True(restricted.Succeeded, string.Join("; ", restricted.Errors));

        var general = await ExplainAsync("northwind-general-prod");
        var benchmarks = await ExplainAsync("northwind-benchmarks");

        Assert.False(general.Decision.Allowed);
        var decider = Assert.Single(general.Decision.DecidedBy);
        Assert.Equal((SubjectKind.Organization, DemoCatalog.RivalLab), (decider.Layer.Kind, decider.Layer.SubjectName));
        Assert.Equal(StandardReasonCodes.CompetingProduct, decider.Layer.Provenance.ReasonCode);
        Assert.Equal("Dana Whitfield", decider.Layer.Provenance.ChangedBy);
        Assert.Equal(restricted.AuditSequence, decider.Layer.Provenance.AuditSequence);
        Assert.Contains("purpose General not allowed", Assert.Single(general.Decision.Denials));
        Assert.NotEmpty(general.Clients);
        Assert.Empty(general.WorksThrough);

        Assert.True(benchmarks.Decision.Allowed);
        Assert.Equal([KeyPurpose.Benchmarking, KeyPurpose.SafetyEvaluation], benchmarks.Decision.Restriction.Purposes);
        Assert.Equal(benchmarks.Clients.Count, benchmarks.WorksThrough.Count());
    }

    [Fact]
    public async Task Scenario_7_the_exposed_key_is_denied_by_its_own_layer_and_the_other_key_works()
    {
        var prod = await ExplainAsync("kestrel-prod");
        var staging = await ExplainAsync("kestrel-staging");

        Assert.False(prod.Decision.Allowed);
        var decider = Assert.Single(prod.Decision.DecidedBy);
        Assert.Equal((SubjectKind.ApiKey, "kestrel-prod", "revoked"), (decider.Layer.Kind, decider.Layer.SubjectName, decider.Effect));
        Assert.Equal(StandardReasonCodes.KeyExposed, decider.Layer.Provenance.ReasonCode);
        Assert.Equal("Dana Whitfield", decider.Layer.Provenance.ChangedBy);
        Assert.NotNull(decider.Layer.Provenance.AuditSequence);

        Assert.True(staging.Decision.Allowed);
        Assert.Equal("Allowed", staging.Decision.Summary);
        Assert.Equal(DemoCatalog.StoppedKeyOrganization, staging.OrganizationName);
    }

    [Fact]
    public async Task An_organization_restored_in_full_explains_every_key_as_allowed()
    {
        var meridian = await demo.OrganizationAsync(DemoCatalog.DisputedOrganization);
        Assert.False((await ExplainAsync("meridian-prod")).Decision.Allowed);

        await demo.ChangesBy("Marcus Osei").ChangeAsync(ChangeRequests.Restore(meridian, await demo.VersionAsync(meridian), fullAccess: true));

        var explained = await explanations.ExplainOrganizationAsync(meridian.Id);
        Assert.NotNull(explained);
        Assert.All(explained.Keys, k => Assert.True(k.Decision.Allowed, k.KeyName));
    }

    [Fact]
    public async Task A_person_without_a_role_is_refused()
    {
        var noRole = new AccessExplanationService(demo.Contexts, new TestActor("Nobody"), demo.Clock);

        await Assert.ThrowsAsync<ForbiddenException>(() => noRole.ExplainKeyAsync(Guid.NewGuid()));
    }

    private async Task<KeyExplanation> ExplainAsync(string keyName) =>
        (await explanations.ExplainKeyAsync((await demo.KeyAsync(keyName)).Id))!;
}
