using AccessConsole.Web.Access;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData.Bulk;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Usage;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.DemoData;

/// <summary>
/// Builds a deterministic, fictional data set: the scenario cast of <see cref="DemoCatalog"/> plus generated
/// customers up to the requested size. The same seed always gives the same data. On SQLite the rows go in through
/// the bulk path (prepared INSERTs with EF's own mapping); on SQL Server through EF in batches.
/// </summary>
public sealed class DemoDataGenerator(
    IDbContextFactory<AccessConsoleDbContext> contexts, TimeProvider clock, IDemoHistory history, ILogger<DemoDataGenerator> logger)
{
    private const int BatchSize = 5000;

    public async Task GenerateAsync(DemoDataOptions options, CancellationToken cancellationToken = default)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));

        var now = clock.GetUtcNow().UtcDateTime;
        var plan = new DemoPlan(options, now);
        var auditEvents = SyntheticAuditTrail.Events(plan, options.AuditEvents, now, options.Seed);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (db.UsesRawSqlite)
            {
                new SqliteBulkSeeder(db, logger).Load(plan, auditEvents);
            }
            else
            {
                await SaveInBatchesAsync(plan.Organizations(), cancellationToken);
                await SaveInBatchesAsync(plan.Integrations(), cancellationToken);
                await SaveInBatchesAsync(plan.IntegrationUses(), cancellationToken);
                await SaveInBatchesAsync(plan.Keys(), cancellationToken);
                await SaveInBatchesAsync(plan.Usage(), cancellationToken);
                await SaveInBatchesAsync(auditEvents, cancellationToken);
            }
        }
        if (options.History) await history.ApplyAsync(options, cancellationToken);
    }

    private async Task SaveInBatchesAsync<T>(IEnumerable<T> entities, CancellationToken cancellationToken) where T : class
    {
        foreach (var batch in entities.Chunk(BatchSize))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Set<T>().AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}

/// <summary>The past access changes of the scenarios, made through the access service (none when absent).</summary>
public interface IDemoHistory
{
    Task ApplyAsync(DemoDataOptions options, CancellationToken cancellationToken);
}
