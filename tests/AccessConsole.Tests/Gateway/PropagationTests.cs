using System.Diagnostics;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Gateway.Decisions;
using AccessConsole.Web.ReasonCodes;

namespace AccessConsole.Tests.Gateway;

public sealed class PropagationTests
{
    private static readonly DecisionItem StagingKey = new(KeyFormat.Hash(DemoKeys.Secret("kestrel-staging")), null, null);

    [Fact]
    public async Task A_change_made_through_one_instance_is_decided_on_by_the_other_within_a_second()
    {
        var database = await TestDatabase.DemoCopyAsync();
        await using var first = new ConsoleFactory(database);
        await using var second = new ConsoleFactory(database);
        var secret = await first.CreateCredentialAsync();
        var gateway = second.GatewayHttpClient(secret);
        Assert.Equal("allow", Assert.Single((await gateway.DecideAsync(StagingKey)).Items).Decision);

        var watch = Stopwatch.StartNew();
        await first.ChangeAsync(await first.OrganizationAsync(DemoCatalog.StoppedKeyOrganization), ChangeKind.Revoke, StandardReasonCodes.NonPayment);
        var committed = watch.Elapsed;
        DecisionAnswers answers;
        // Asked every 5 ms: a loop with no pause can pass the credential's rate limit (500 a second) and be answered 429.
        while ((answers = await gateway.DecideAsync(StagingKey)).Items[0].Decision == "allow" && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(5);
        }
        var propagated = watch.Elapsed - committed;

        Assert.Equal("deny", answers.Items[0].Decision);
        Assert.Equal("snapshot", answers.Source);
        Assert.True(propagated < TimeSpan.FromSeconds(1), $"took {propagated.TotalMilliseconds:N0} ms");
    }

    [Fact]
    public async Task Past_its_age_bound_the_snapshot_is_not_used_and_decisions_come_from_the_database()
    {
        await using var factory = new ConsoleFactory(await TestDatabase.DemoCopyAsync());
        factory.Settings["Gateway:SnapshotMaxAge"] = "00:00:00.001";
        factory.Settings["Gateway:PollInterval"] = "01:00:00";
        var gateway = factory.GatewayHttpClient(await factory.CreateCredentialAsync());
        await Task.Delay(50);

        await factory.ChangeAsync(await factory.OrganizationAsync(DemoCatalog.StoppedKeyOrganization), ChangeKind.Revoke, StandardReasonCodes.NonPayment);
        var answers = await gateway.DecideAsync(StagingKey);

        Assert.Equal("database", answers.Source);
        Assert.Equal("deny", answers.Items[0].Decision);
    }
}
