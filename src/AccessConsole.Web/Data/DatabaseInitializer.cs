using AccessConsole.Web.DemoData;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Data;

/// <summary>Creates or upgrades the database, and fills an empty one with reference and demo data.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AccessConsoleDbContext> contexts,
    DemoDataGenerator demoData,
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
        // A pooled context goes back to the pool with a connection it was told to open still open.
        await db.Database.CloseConnectionAsync();
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
}
