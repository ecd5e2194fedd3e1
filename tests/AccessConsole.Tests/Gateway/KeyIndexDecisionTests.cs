using System.Text.Json;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Gateway.Decisions;
using AccessConsole.Web.ReasonCodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Gateway;

/// <summary>Decisions from the key index in memory are the decisions the database gives, and keys it lacks are still found.</summary>
public sealed class KeyIndexDecisionTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private IDbContextFactory<AccessConsoleDbContext> contexts = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        contexts = factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>();
        var snapshot = factory.Services.GetRequiredService<AccessSnapshot>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((snapshot.KeyIndex is null || !snapshot.IsLoaded) && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_index_holds_every_key_with_the_facts_the_database_has()
    {
        var index = factory.Services.GetRequiredService<AccessSnapshot>().KeyIndex;

        await using var db = await contexts.CreateDbContextAsync();
        var hashes = await db.ApiKeys.Select(k => k.SecretHash).ToListAsync();
        var fromDatabase = await LayerQueries.KeysAsync(db, hashes, default);
        Assert.NotNull(index);
        Assert.Equal(hashes.Count, index.Count);
        Assert.All(hashes, h => Assert.Equal(fromDatabase[h], index.Find(h)));
    }

    [Fact]
    public async Task One_hash_alone_is_read_as_a_list_of_them_reads_it()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var hashes = await db.ApiKeys.Select(k => k.SecretHash).ToListAsync();
        var together = await LayerQueries.KeysAsync(db, hashes, default);

        foreach (var hash in hashes) Assert.Equal(together[hash], Assert.Single(await LayerQueries.KeysAsync(db, [hash], default)).Value);
        Assert.Empty(await LayerQueries.KeysAsync(db, [new string('0', 64)], default));
        Assert.Empty(await LayerQueries.KeysAsync(db, [], default));
    }

    [Fact]
    public async Task Every_demo_key_is_decided_from_the_snapshot_as_from_the_database_through_every_client_after_changes_to_an_organization_and_a_use()
    {
        await factory.ChangeAsync(await factory.OrganizationAsync(DemoCatalog.RivalLab), ChangeKind.Restrict, StandardReasonCodes.CompetingProduct,
            new Restriction { Purposes = [KeyPurpose.Benchmarking] });
        await factory.ChangeAsync(await factory.UseAsync(DemoCatalog.HarnessUser, "Atelier SDKs"), ChangeKind.Revoke, StandardReasonCodes.UnauthorizedClient);
        var refresher = factory.Services.GetRequiredService<SnapshotRefresher>();
        while (await refresher.ApplyNewChangesAsync(default) > 0) { }

        await using var db = await contexts.CreateDbContextAsync();
        var hashes = await db.ApiKeys.Select(k => k.SecretHash).ToListAsync();
        var now = DateTime.UtcNow;
        var database = await DatabaseLayerSource.LoadAsync(db, hashes, now, default);
        var snapshot = factory.Services.GetRequiredService<AccessSnapshot>();
        Assert.NotNull(snapshot.KeyIndex);
        var clients = DemoCatalog.Integrations.SelectMany(i => i.ClientIds).Append("unknown-client").Append(null);

        foreach (var item in hashes.SelectMany(h => clients.Select(c => new DecisionItem(h, c, "opus"))))
        {
            Assert.Equal(Json(DecisionEvaluator.Decide(database, item, now)), Json(DecisionEvaluator.Decide(snapshot, item, now)));
        }
    }

    [Fact]
    public async Task A_key_added_after_the_index_was_read_is_decided_from_the_database_and_then_remembered()
    {
        var secret = KeyFormat.ApiKeyMarker + new string('n', KeyFormat.BodyLength);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var organization = await db.Organizations.SingleAsync(o => o.Name == DemoCatalog.StoppedKeyOrganization);
            db.ApiKeys.Add(new ApiKey
            {
                Id = Guid.NewGuid(), OrganizationId = organization.Id, Name = "kestrel-new", DisplayPrefix = KeyFormat.DisplayPrefixOf(secret),
                LastFour = KeyFormat.LastFourOf(secret), SecretHash = KeyFormat.Hash(secret), CreatedAt = DateTime.UtcNow, CreatedBy = "test",
            });
            await db.SaveChangesAsync();
        }
        var gateway = factory.GatewayHttpClient(await factory.CreateCredentialAsync());
        Assert.Null(factory.Services.GetRequiredService<AccessSnapshot>().KeyIndex!.Find(KeyFormat.Hash(secret)));

        var answers = await gateway.DecideAsync(new DecisionItem(KeyFormat.Hash(secret), null, null));

        Assert.Equal("snapshot", answers.Source);
        Assert.Equal("allow", Assert.Single(answers.Items).Decision);
        Assert.Equal("kestrel-new", factory.Services.GetRequiredService<AccessSnapshot>().Key(KeyFormat.Hash(secret))?.Name);
    }

    [Fact]
    public async Task With_more_keys_than_memory_may_hold_they_are_read_from_the_database_and_decided_alike()
    {
        await using var limited = new ConsoleFactory(await TestDatabase.DemoCopyAsync());
        limited.Settings["Gateway:MaxKeysInMemory"] = "10";
        var gateway = limited.GatewayHttpClient(await limited.CreateCredentialAsync());
        var items = new[] { "kestrel-prod", "kestrel-staging", "northwind-benchmarks" }.Select(k => new DecisionItem(KeyFormat.Hash(DemoKeys.Secret(k)), null, null)).ToArray();
        await Task.Delay(200);

        var answers = await gateway.DecideAsync(items);

        Assert.Null(limited.Services.GetRequiredService<AccessSnapshot>().KeyIndex);
        Assert.Equal(["deny", "allow", "allow"], answers.Items.Select(a => a.Decision));
        var indexed = await factory.GatewayHttpClient(await factory.CreateCredentialAsync()).DecideAsync(items);
        Assert.NotNull(factory.Services.GetRequiredService<AccessSnapshot>().KeyIndex);
        Assert.Equal(indexed.Items.Select(Json), answers.Items.Select(Json));
    }

    private static string Json(DecisionAnswer answer) => JsonSerializer.Serialize(answer with { AccessVersion = 0 });
}
