using System.Buffers;
using System.Data.Common;
using System.Text.Unicode;
using AccessConsole.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace AccessConsole.Web.Audit.Streaming;

/// <summary>
/// Reads audit events on SQLite straight from the statement's UTF-8 column values into a batch, without a string or
/// an object per value: reading and re-encoding millions of strings cost more than the hashing. The query (filters,
/// parameters) is the one EF Core builds. A value stored in any form other than the one the app writes (a GUID not
/// in its 36-character form, a time not in EF Core's, text that is not plain UTF-8) makes that event be read through
/// EF Core instead, so that every event gets exactly the text the object path gives it.
/// </summary>
internal static class SqliteEventRows
{
    /// <summary>Reads <paramref name="query"/> into <paramref name="batch"/>; false when its parameters need the object path.</summary>
    public static async Task<bool> TryFillAsync(AccessConsoleDbContext db, IQueryable<AuditEvent> query, EventBatch batch, CancellationToken ct)
    {
        await using var command = query.CreateDbCommand();
        using var own = OpenOwn((SqliteConnection)db.Database.GetDbConnection());
        if (own is null) await db.Database.OpenConnectionAsync(ct);
        try
        {
            var handle = own ?? ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
            if (!IsUtf8(handle)) return false;
            Check(handle, raw.sqlite3_prepare_v2(handle, command.CommandText, out var statement));
            using (statement)
            {
                if (!SqliteParameters.TryBind(statement, command.Parameters)) return false;
                var columns = EventColumns.Of(statement);
                var row = new ArrayBufferWriter<byte>(4096);
                int result;
                while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    if (columns.TryAdd(statement, batch, row)) continue;
                    var sequence = raw.sqlite3_column_int64(statement, columns.Sequence);
                    batch.Add(await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == sequence, ct));
                }
                Check(handle, result, raw.SQLITE_DONE);
            }
            return true;
        }
        finally
        {
            if (own is null) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A connection of the reader's own to the database file, opened without SQLite's per-connection mutex: it is
    /// used by this thread alone, and reading an event's two dozen columns would otherwise take and release that
    /// mutex for each one. Null for a database that is not a plain file (in memory, or given by URI).
    /// </summary>
    private static sqlite3? OpenOwn(SqliteConnection connection)
    {
        var settings = new SqliteConnectionStringBuilder(connection.ConnectionString);
        if (settings.Mode is not (SqliteOpenMode.ReadWriteCreate or SqliteOpenMode.ReadWrite) || settings.DataSource is "" or ":memory:"
            || settings.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || !File.Exists(settings.DataSource))
        {
            return null;
        }
        if (raw.sqlite3_open_v2(settings.DataSource, out var handle, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null) != raw.SQLITE_OK)
        {
            handle.Dispose();
            return null;
        }
        raw.sqlite3_busy_timeout(handle, settings.DefaultTimeout * 1000);
        return handle;
    }

    private static bool IsUtf8(sqlite3 handle)
    {
        Check(handle, raw.sqlite3_prepare_v2(handle, "PRAGMA encoding;", out var statement));
        using (statement)
        {
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW && raw.sqlite3_column_blob(statement, 0).SequenceEqual("UTF-8"u8);
        }
    }

    private static void Check(sqlite3 handle, int result, int expected = raw.SQLITE_OK)
    {
        if (result != expected) throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), result);
    }

    /// <summary>Valid UTF-8 without NUL: text that decodes to a string and encodes back to the same bytes.</summary>
    internal static bool IsPlainUtf8(ReadOnlySpan<byte> value) => Utf8.IsValid(value) && !value.Contains((byte)0);
}

/// <summary>Binds EF Core's parameters the way Microsoft.Data.Sqlite binds them, for the types an audit query uses.</summary>
internal static class SqliteParameters
{
    public static bool TryBind(sqlite3_stmt statement, DbParameterCollection parameters)
    {
        foreach (DbParameter parameter in parameters)
        {
            var name = parameter.ParameterName;
            var index = raw.sqlite3_bind_parameter_index(statement, name is ['@' or '$' or ':', ..] ? name : "@" + name);
            if (index == 0 || parameter is SqliteParameter { SqliteType: SqliteType.Blob or SqliteType.Real }) return false;
            var bound = parameter.Value switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, index),
                long number => raw.sqlite3_bind_int64(statement, index, number),
                int number => raw.sqlite3_bind_int64(statement, index, number),
                string text => raw.sqlite3_bind_text(statement, index, text),
                Guid id => raw.sqlite3_bind_text(statement, index, id.ToString().ToUpperInvariant()),
                DateTime time => raw.sqlite3_bind_text(statement, index, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture)),
                _ => -1,
            };
            if (bound != raw.SQLITE_OK) return false;
        }
        return true;
    }
}
