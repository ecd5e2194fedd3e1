using AccessConsole.Tests.Infrastructure;

namespace AccessConsole.Tests.Audit;

public sealed class ConcurrentChangesTests
{
    [Fact]
    public async Task Fifty_concurrent_changes_leave_one_unbroken_chain_without_gaps()
    {
        await using var factory = await ConsoleFactory.WithDemoDataAsync();
        factory.StartHost();
        var before = await factory.EventsAsync();

        var results = await factory.RevokeKeysAsync(50, concurrently: true);

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors.Values)));
        var events = await factory.EventsAsync();
        Assert.Equal(before.Count + 50, events.Count);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(results.Select(r => r.AuditSequence!.Value).Order(), events.Skip(before.Count).Select(e => e.Sequence));
        var verification = await factory.VerifyAsync();
        Assert.True(verification.IsIntact, verification.Summary);
        Assert.Equal(events.Count, verification.Count);
    }
}
