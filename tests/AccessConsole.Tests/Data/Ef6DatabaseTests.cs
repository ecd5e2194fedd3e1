using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit.Verification;
using AccessConsole.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Data;

/// <summary>
/// A database made by the EF Core 6 release (the fixture is that file dumped as SQL text) opens under the current
/// code: no migration is pending, the chain it holds is intact, and changes go on extending it.
/// </summary>
public sealed class Ef6DatabaseTests : IAsyncLifetime
{
    private const string Ef6HeadHash = "e1e5526f1b848f884a09df66494f1e3e8901cc180d86380312ca34b8914bc60c";
    private ConsoleFactory factory = null!;

    public async ValueTask InitializeAsync()
    {
        var path = TestDatabase.NewPath();
        await using (var connection = new SqliteConnection(TestDatabase.ConnectionString(path)))
        {
            await connection.OpenAsync();
            var dump = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "ef6-release.sql"));
            // sqlite3_exec runs the statements one after another; a command would prepare them all before the tables exist.
            // The dump lists tables by name, not in the order their foreign keys need.
            var result = SQLitePCL.raw.sqlite3_exec(connection.Handle, "PRAGMA foreign_keys = OFF;" + dump, out var error);
            Assert.True(result == SQLitePCL.raw.SQLITE_OK, error);
        }
        SqliteConnection.ClearAllPools();
        factory = new ConsoleFactory(path);
        factory.StartHost();
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task It_keeps_the_five_migrations_ef_core_6_applied_gets_the_newer_ones_at_start_and_has_none_pending()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();

        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();

        Assert.Equal(15, applied.Count);
        Assert.All(applied[..5], id => Assert.StartsWith("20261121", id));
        Assert.Equal(["AuditOverwriteRefusal", "AuditCheckpoints", "ScheduledChanges", "PlatformRules", "RuleImpactIndex", "AuditMerkleTree", "CustomerNotices", "BulkNotices", "SingleChangeNotices", "RuleEndsAt"], applied[5..].Select(id => id[(id.IndexOf('_') + 1)..]));
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(30, await db.Organizations.CountAsync());
    }

    [Fact]
    public async Task Its_audit_chain_is_intact_and_a_new_change_extends_it()
    {
        var before = await new AuditVerifier(Contexts(), new TestActor("Lee Legal", "Legal")).VerifyAsync();
        Assert.True(before.IsIntact, before.Summary);
        Assert.Equal((45L, Ef6HeadHash), (before.Count, before.HeadHash));

        await factory.ChangeAsync(await factory.OrganizationAsync("Slipstream Tools"), ChangeKind.Revoke, "non-payment");

        var after = await new AuditVerifier(Contexts(), new TestActor("Lee Legal", "Legal")).VerifyAsync();
        Assert.True(after.IsIntact, after.Summary);
        Assert.Equal(46, after.Count);
        Assert.NotEqual(Ef6HeadHash, after.HeadHash);
    }

    private IDbContextFactory<AccessConsoleDbContext> Contexts() =>
        factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>();
}
