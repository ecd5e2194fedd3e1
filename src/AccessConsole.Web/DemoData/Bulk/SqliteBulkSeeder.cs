using System.Diagnostics;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AccessConsole.Web.DemoData.Bulk;

/// <summary>
/// Loads a plan into an empty, migrated SQLite database in one transaction with prepared INSERTs, the
/// secondary indexes of the loaded tables dropped during the load and rebuilt after it (building an index
/// once from sorted data is far cheaper than keeping it up to date row by row), and durability relaxed only
/// while loading: a failed load leaves a file to delete, not data to trust.
/// </summary>
/// <remarks>
/// Kept for speed, measured against EF Core 10's batched SaveChanges (the SQL Server path, with
/// <c>Database:RawSqlitePaths=false</c>) on 10,000 organizations and a million audit events: this path took 235 s of
/// wall time and 43 s of CPU; the EF path had spent 881 s and 92 s of CPU when stopped with a third of the events
/// written. See the README's Performance section.
/// </remarks>
internal sealed class SqliteBulkSeeder(AccessConsoleDbContext db, ILogger logger)
{
    private static readonly Type[] CatalogTypes =
    [
        typeof(Organization), typeof(OrganizationDomain), typeof(OrganizationTag), typeof(Integration),
        typeof(OrganizationIntegration), typeof(ApiKey), typeof(AuditEvent),
    ];

    /// <summary>Everything but usage, which waits for the history that decides when each key could be used.</summary>
    public void Load(DemoPlan plan, IEnumerable<AuditEvent> auditEvents) =>
        Load(CatalogTypes, (connection, transaction) =>
        {
            Insert(connection, transaction, plan.Organizations());
            Insert(connection, transaction, plan.Organizations().SelectMany(o => o.Domains));
            Insert(connection, transaction, plan.Organizations().SelectMany(o => o.Tags));
            Insert(connection, transaction, plan.Integrations());
            Insert(connection, transaction, plan.IntegrationUses());
            Insert(connection, transaction, plan.Keys());
            Insert(connection, transaction, auditEvents);
        });

    public void LoadUsage(IEnumerable<DailyUsage> usage) =>
        Load([typeof(DailyUsage)], (connection, transaction) => Insert(connection, transaction, usage));

    private void Load(IReadOnlyList<Type> types, Action<SqliteConnection, SqliteTransaction> insert)
    {
        // Leaving WAL needs the only connection to the file: the idle ones kept in the pool by earlier steps would
        // make SQLite answer "database is locked".
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection(db.Database.GetConnectionString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF;");
        var tables = types.Select(t => Entity(t).GetTableName()!).ToList();
        var indexes = SecondaryIndexes(connection, tables);
        foreach (var (name, _) in indexes) Execute(connection, $"DROP INDEX \"{name}\";");
        // Without the event id's index, the trigger that refuses an insert over an existing event would read the whole
        // table for every row (hours for ten million); the load writes new sequences and ids only, into an empty log.
        var auditLog = tables.Contains(AuditEventConfiguration.Table);
        if (auditLog) Execute(connection, AuditTriggers.SqliteDropRefuseOverwrite);

        using (var transaction = connection.BeginTransaction())
        {
            insert(connection, transaction);
            transaction.Commit();
        }

        var watch = Stopwatch.StartNew();
        foreach (var (_, sql) in indexes) Execute(connection, sql);
        if (auditLog) Execute(connection, AuditTriggers.SqliteRefuseOverwrite);
        logger.LogInformation("Rebuilt {Count} indexes in {Seconds:N1} s", indexes.Count, watch.Elapsed.TotalSeconds);
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    private void Insert<T>(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<T> rows) where T : class
    {
        var watch = Stopwatch.StartNew();
        using var table = new SqliteBulkTable(connection, transaction, Entity(typeof(T)));
        long count = 0;
        foreach (var row in rows)
        {
            table.Insert(row);
            count++;
        }
        logger.LogInformation("Loaded {Count:N0} {Type} rows in {Seconds:N1} s", count, typeof(T).Name, watch.Elapsed.TotalSeconds);
    }

    private IEntityType Entity(Type type) =>
        db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");

    private static List<(string Name, string Sql)> SecondaryIndexes(SqliteConnection connection, IReadOnlyCollection<string> tables)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL;";
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string)>();
        while (reader.Read())
        {
            if (tables.Contains(reader.GetString(1))) indexes.Add((reader.GetString(0), reader.GetString(2)));
        }
        return indexes;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
