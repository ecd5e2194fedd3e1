using System.Data.Common;
using AccessConsole.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccessConsole.Web.DemoData.History;

/// <summary>
/// Contexts for making the demo history on SQLite: the same database, through unpooled connections of their own that
/// skip the flush to disk at every commit (hundreds of small transactions otherwise spend most of start-up waiting
/// on the disk). As with the bulk load, durability is relaxed only while loading a new database, and no relaxed
/// connection is left in the pool the app goes on with.
/// </summary>
internal static class LoadingContexts
{
    public static IDbContextFactory<AccessConsoleDbContext> For(IDbContextFactory<AccessConsoleDbContext> contexts)
    {
        if (contexts is not AccessConsoleDbContextFactory { Provider: DatabaseProvider.Sqlite } factory) return contexts;
        var connection = new SqliteConnectionStringBuilder(factory.ConnectionString) { Pooling = false }.ToString();
        return new AccessConsoleDbContextFactory(
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connection }, AppContext.BaseDirectory, [new UnflushedCommits()]);
    }

    private sealed class UnflushedCommits : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Relax(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Relax(connection);
            return Task.CompletedTask;
        }

        private static void Relax(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=OFF;";
            command.ExecuteNonQuery();
        }
    }
}
