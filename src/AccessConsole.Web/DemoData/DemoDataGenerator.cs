using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Audit.Tree;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData.Bulk;
using AccessConsole.Web.DemoData.Traffic;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.DemoData;

/// <summary>
/// Builds a deterministic, fictional data set: the scenario cast of <see cref="DemoCatalog"/> plus generated
/// customers up to the requested size, then the history of their access made through the console's services, then
/// the usage that history allows. The same seed and the same present always give the same data. On SQLite the rows
/// go in through the bulk path (prepared INSERTs with EF's own mapping); on SQL Server through EF in batches.
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
        bool bulk;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            bulk = db.UsesRawSqlite;
            if (bulk) new SqliteBulkSeeder(db, logger).Load(plan, auditEvents);
        }
        if (!bulk)
        {
            await SaveInBatchesAsync(plan.Organizations(), cancellationToken);
            await SaveInBatchesAsync(plan.Integrations(), cancellationToken);
            await SaveInBatchesAsync(plan.IntegrationUses(), cancellationToken);
            await SaveInBatchesAsync(plan.Keys(), cancellationToken);
            await SaveInBatchesAsync(auditEvents, cancellationToken);
        }
        await SaveInBatchesAsync(plan.NoticeContacts(), cancellationToken);

        IReadOnlyList<Guid> createdKeys = options.History ? await history.ApplyAsync(options, cancellationToken) : [];
        var (access, laterKeys) = await ReadBackAsync(options, createdKeys, cancellationToken);
        var usage = plan.Usage(access, laterKeys);
        if (bulk)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            new SqliteBulkSeeder(db, logger).LoadUsage(usage);
        }
        else
        {
            await SaveInBatchesAsync(usage, cancellationToken);
        }
        await LastUses.CorrectAsync(contexts, plan.Keys().Concat(laterKeys), laterKeys.Select(k => k.Id).ToHashSet(), access, now, options.Seed, cancellationToken);
        await AuditTree.CatchUpAsync(contexts, cancellationToken);
    }

    private async Task<(AccessOverTime Access, List<ApiKey> LaterKeys)> ReadBackAsync(DemoDataOptions options, IReadOnlyList<Guid> createdKeys, CancellationToken ct)
    {
        if (!options.History) return (AccessOverTime.Unchanged, []);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await AccessOverTime.ReadAsync(db, options.AuditEvents, ct);
        var laterKeys = await db.ApiKeys.AsNoTracking().Where(k => createdKeys.Contains(k.Id)).ToListAsync(ct);
        var order = createdKeys.Select((id, position) => (id, position)).ToDictionary(p => p.id, p => p.position);
        return (access, laterKeys.OrderBy(k => order[k.Id]).ToList());
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

/// <summary>The demo's past access changes, made through the console's services (none when absent).</summary>
public interface IDemoHistory
{
    /// <summary>Makes the history; answers the ids of the keys it created, in the order it created them.</summary>
    Task<IReadOnlyList<Guid>> ApplyAsync(DemoDataOptions options, CancellationToken cancellationToken);
}
