using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.DemoData.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccessConsole.Tests.DemoData;

/// <summary>The same seed and the same present give the same history, down to every audit hash.</summary>
public sealed class DemoDeterminismTests
{
    private static readonly DateTime Present = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DemoDataOptions SmallDemo = new() { Organizations = 90, Keys = 500 };

    [Fact]
    public async Task Two_generations_from_one_seed_leave_the_same_audit_chain_and_usage()
    {
        var first = await GenerateAsync(SmallDemo);
        var again = await GenerateAsync(SmallDemo);
        var otherSeed = await GenerateAsync(SmallDemo with { Seed = SmallDemo.Seed + 1 });

        Assert.True(first.Hashes.Count >= 100, $"{first.Hashes.Count} events");
        Assert.Equal(first.Hashes, again.Hashes);
        Assert.Equal(first.Usage, again.Usage);
        Assert.NotEqual(first.Hashes[^1], otherSeed.Hashes[^1]);
    }

    private static async Task<(List<string> Hashes, long Usage)> GenerateAsync(DemoDataOptions options)
    {
        await using var factory = QuietFactory();
        var contexts = await GenerateAsync(factory, options);

        await using var db = await contexts.CreateDbContextAsync();
        var hashes = await db.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Hash).ToListAsync();
        var usage = await db.DailyUsage.SumAsync(u => u.Requests);
        return (hashes, usage);
    }

    /// <summary>
    /// A console on a new database that runs no background service. The generator fills an empty database before the
    /// app starts its background work (at start-up, and in the seed verb with no host at all); background readers
    /// meanwhile keep the bulk load from having the file to itself ('database is locked').
    /// </summary>
    internal static ConsoleFactory QuietFactory()
    {
        var factory = new ConsoleFactory(TestDatabase.NewPath())
        {
            ConfigureServicesForTest = services =>
            {
                foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)).ToList()) services.Remove(hosted);
            },
        };
        factory.Settings["TimedLifts:Enabled"] = "false";
        factory.Settings["BulkJobs:RunInBackground"] = "false";
        factory.StartHost();
        return factory;
    }

    internal static async Task<IDbContextFactory<AccessConsoleDbContext>> GenerateAsync(ConsoleFactory factory, DemoDataOptions options)
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>();
        var clock = new TestClock(Present);
        await new DemoDataGenerator(contexts, clock, new DemoHistory(contexts, clock, factory.Services.GetRequiredService<CheckpointSigningKey>(), new CheckpointWitness(null)), NullLogger<DemoDataGenerator>.Instance).GenerateAsync(options);
        return contexts;
    }
}
