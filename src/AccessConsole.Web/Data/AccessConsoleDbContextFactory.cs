using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AccessConsole.Web.Data;

/// <summary>
/// Hands out one short-lived context per operation (the right lifetime inside a Blazor Server circuit),
/// of the subclass that matches the configured provider. Interceptors, when given, are added to every context
/// (tests use one to inject a failure into a chosen statement). Contexts come from a pool: a new context sets up
/// its internal services on first use, which cost more than a support look-up's whole query (about 0.1–0.3 ms);
/// a pooled one is reset when disposed and keeps them.
/// </summary>
public sealed class AccessConsoleDbContextFactory : IDbContextFactory<AccessConsoleDbContext>
{
    private readonly Func<AccessConsoleDbContext> create;

    public AccessConsoleDbContextFactory(DatabaseOptions options, string contentRoot, IEnumerable<IInterceptor>? interceptors = null)
    {
        var added = interceptors?.ToArray() ?? [];
        Provider = options.Provider;
        ConnectionString = Provider == DatabaseProvider.Sqlite
            ? ResolveSqlitePath(options.ConnectionString, contentRoot)
            : options.ConnectionString;
        create = Provider switch
        {
            DatabaseProvider.Sqlite => CreateSqlite(ConnectionString, added, options.RawSqlitePaths),
            DatabaseProvider.SqlServer => CreateSqlServer(ConnectionString, added),
            _ => throw new InvalidOperationException($"Unknown database provider {Provider}."),
        };
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public AccessConsoleDbContext CreateDbContext() => create();

    private static Func<AccessConsoleDbContext> CreateSqlite(string connectionString, IInterceptor[] interceptors, bool rawPaths)
    {
        var options = new DbContextOptionsBuilder<SqliteAccessConsoleDbContext>()
            .UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(60))
            .AddInterceptors(interceptors)
            .Options;
        var pool = new PooledDbContextFactory<SqliteAccessConsoleDbContext>(options);
        return () =>
        {
            var db = pool.CreateDbContext();
            db.RawPaths = rawPaths;
            return db;
        };
    }

    private static Func<AccessConsoleDbContext> CreateSqlServer(string connectionString, IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<SqlServerAccessConsoleDbContext>()
            // No automatic retry: every change runs in a transaction of its own making (change + audit event), which
            // EF Core's retrying strategy refuses; a failed change is reported to the person, who decides again.
            .UseSqlServer(connectionString, sql => sql.CommandTimeout(60))
            .AddInterceptors(interceptors)
            .Options;
        return new PooledDbContextFactory<SqlServerAccessConsoleDbContext>(options).CreateDbContext;
    }

    private static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        return builder.ToString();
    }
}
