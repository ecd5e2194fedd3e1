using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.DemoData;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>A change and its audit event are written together or not at all.</summary>
public sealed class AtomicityTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;
    private SubjectRef lab;

    public async ValueTask InitializeAsync()
    {
        demo = await DemoDatabase.OpenAsync();
        lab = await demo.OrganizationAsync(DemoCatalog.RivalLab);
    }

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Theory]
    [InlineData("INSERT INTO \"AuditEvents\"", false)]
    [InlineData("INSERT INTO \"AuditEvents\"", true)]
    [InlineData("UPDATE \"Organizations\"", false)]
    [InlineData("UPDATE \"Organizations\"", true)]
    public async Task A_failure_while_writing_the_event_or_the_access_leaves_neither_written(string failing, bool afterExecuting)
    {
        var failure = new FailingCommand(failing, afterExecuting);
        var service = new AccessChangeService(demo.ContextsWith(failure), new TestActor("Alex Account", "AccountManager"), demo.Clock);
        var before = await demo.SnapshotAsync(lab);
        var events = await demo.AuditCountAsync();

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => service.ChangeAsync(ChangeRequests.Revoke(lab, 0)));

        Assert.IsType<InjectedFailure>(thrown.GetBaseException());
        Assert.Equal(1, failure.Failures);
        Assert.Equal(afterExecuting, failure.Executed.Any(c => c.Contains(failing, StringComparison.Ordinal)));
        Assert.Equal(events, await demo.AuditCountAsync());
        Assert.Equal(before, await demo.SnapshotAsync(lab));
        Assert.Equal(AccessState.Active, (await demo.ReadAsync(lab)).AccessState);
    }

    [Fact]
    public async Task After_an_injected_failure_the_same_change_goes_through_on_a_healthy_database()
    {
        var broken = new AccessChangeService(demo.ContextsWith(new FailingCommand("INSERT INTO \"AuditEvents\"")), new TestActor("Alex Account", "AccountManager"), demo.Clock);
        await Assert.ThrowsAnyAsync<Exception>(() => broken.ChangeAsync(ChangeRequests.Revoke(lab, 0)));

        var result = await demo.ChangesBy("Alex Account").ChangeAsync(ChangeRequests.Revoke(lab, 0));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Single(await demo.EventsAboutAsync(lab));
    }
}
