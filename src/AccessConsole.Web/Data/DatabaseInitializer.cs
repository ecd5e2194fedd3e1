using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Data;

/// <summary>Creates or upgrades the database, and fills an empty one with reference and demo data.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AccessConsoleDbContext> contexts,
    DemoDataGenerator demoData,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while a change commits; it is a property of the file, set once.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
        await AddMissingReasonCodesAsync(db, cancellationToken);
    }

    public async Task SeedDemoDataIfEmptyAsync(DemoDataOptions options, CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Organizations.AnyAsync(cancellationToken)) return;
        }
        logger.LogInformation("The database is empty: loading demo data ({Organizations} organizations)", options.Organizations);
        await demoData.GenerateAsync(options, cancellationToken);
    }

    private async Task AddMissingReasonCodesAsync(AccessConsoleDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.ReasonCodes.Select(r => r.Code).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.ReasonCodes.AddRange(StandardReasonCodes.All
            .Where(r => !existing.Contains(r.Code))
            .Select(r => new ReasonCode { Code = r.Code, Label = r.Label, CreatedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
