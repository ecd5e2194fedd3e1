using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Data;
using AccessConsole.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.DemoData.History;

/// <summary>
/// The demo's past, made through the console's own services at the times it is dated: the scenarios' changes and
/// ninety days of everyday work around them, in one timeline, with ids that follow the seed so that the same seed and
/// the same present give the same audit chain.
/// </summary>
public sealed class DemoHistory(IDbContextFactory<AccessConsoleDbContext> contexts, TimeProvider clock, CheckpointSigningKey signingKey, CheckpointWitness witness)
    : IDemoHistory
{
    public async Task<IReadOnlyList<Guid>> ApplyAsync(DemoDataOptions options, CancellationToken cancellationToken)
    {
        using var ids = NewIds.Seeded(options.Seed + 4);
        var desk = new HistoryDesk(contexts, clock.GetUtcNow().UtcDateTime, signingKey, witness);
        var random = new Random(options.Seed + 3);
        GeneratedHistory generated;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await ScenarioHistory.ScheduleAsync(desk, db, cancellationToken);
            generated = new GeneratedHistory(desk, await HistoryPools.LoadAsync(db, random, cancellationToken), random, options.Seed);
        }
        generated.Schedule();
        await desk.Timeline.RunAsync();
        return generated.CreatedKeys;
    }
}
