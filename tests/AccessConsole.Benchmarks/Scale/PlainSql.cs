using Microsoft.Data.Sqlite;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>The floor: parameterized SQL on one open Microsoft.Data.Sqlite connection, every value of every row read.</summary>
public sealed class PlainSql(string databasePath) : IAsyncDisposable
{
    private readonly SqliteConnection connection = new($"Data Source={databasePath}");

    public SqliteConnection Connection => connection;

    /// <summary>The open transaction that commands join, if any.</summary>
    public SqliteTransaction? Transaction { get; set; }

    public async Task OpenAsync() => await connection.OpenAsync();

    public static string Id(Guid id) => id.ToString().ToUpperInvariant();

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<int> QueryAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
        return rows;
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
