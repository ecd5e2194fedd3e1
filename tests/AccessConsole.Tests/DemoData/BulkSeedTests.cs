using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Tree;
using AccessConsole.Web.Audit.Verification;
using AccessConsole.Web.DemoData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.DemoData;

/// <summary>The seed's bulk path on SQLite (synthetic audit events for the benchmarks) leaves a log as guarded as the app's own.</summary>
public sealed class BulkSeedTests
{
    [Fact]
    public async Task A_bulk_seeded_log_keeps_its_append_only_triggers_and_its_tree_and_verifies()
    {
        await using var factory = DemoDeterminismTests.QuietFactory();
        var contexts = await DemoDeterminismTests.GenerateAsync(factory, new DemoDataOptions { Organizations = 40, Keys = 100, AuditEvents = 3_000, History = false });

        await using var db = await contexts.CreateDbContextAsync();
        var triggers = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEvents'").ToListAsync();
        Assert.Equal(["AuditEvents_RefuseDelete", "AuditEvents_RefuseOverwrite", "AuditEvents_RefuseUpdate"], triggers.Order());
        var replace = await Assert.ThrowsAsync<SqliteException>(() =>
            db.Database.ExecuteSqlRawAsync("PRAGMA recursive_triggers = OFF; INSERT OR REPLACE INTO AuditEvents SELECT * FROM AuditEvents WHERE Sequence = 7;"));
        Assert.Contains(AuditTriggers.RefusalMessage, replace.Message);
        var events = await db.AuditEvents.CountAsync();
        Assert.True(events >= 3_000, $"{events} events");
        Assert.Equal(events / AuditTree.BlockSize, await db.AuditTreeNodes.CountAsync(n => n.Level == AuditTree.BlockLevel));
        Assert.True((await AuditVerifier.VerifyChainAsync(contexts, CancellationToken.None)).IsIntact);
    }
}
