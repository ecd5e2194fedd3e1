using Microsoft.Data.Sqlite;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// SQLite databases for tests. The demo data set is built once per test run, through the app itself, and each
/// test gets a private copy of it, so tests never see each other's changes.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<string>> DemoTemplate = new(BuildDemoTemplateAsync);

    public static string Folder { get; } = CreateFolder();

    /// <summary>One audit signing key for the test run (a P-256 key in PEM), made when first asked for.</summary>
    public static string SigningKeyPath => SigningKey.Value;

    private static readonly Lazy<string> SigningKey = new(() =>
    {
        var path = Path.Combine(Folder, "audit-signing-key.pem");
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem() + "\n");
        return path;
    });

    /// <summary>A fresh copy of the migrated demo database.</summary>
    public static async Task<string> DemoCopyAsync()
    {
        var path = NewPath();
        File.Copy(await DemoTemplate.Value, path);
        return path;
    }

    /// <summary>A path for a database that does not exist yet.</summary>
    public static string NewPath() => Path.Combine(Folder, $"{Guid.NewGuid():N}.db");

    public static string ConnectionString(string path) => $"Data Source={path}";

    /// <summary>Deletes a database with its journal files and notices, after closing the idle pooled connections that would keep its disk space.</summary>
    public static void Delete(string path)
    {
        // Clearing every pool is safe for other tests: a connection in use is closed only when it is returned.
        SqliteConnection.ClearAllPools();
        try
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" }) File.Delete(file);
            if (Directory.Exists(path + ".notices")) Directory.Delete(path + ".notices", recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Where open files cannot be deleted, the run's folder still goes when the run ends.
        }
    }

    private static async Task<string> BuildDemoTemplateAsync()
    {
        var path = NewPath();
        await using (var factory = new ConsoleFactory(path, seedDemoData: true))
        {
            factory.StartHost();
        }
        // Fold the write-ahead log into the file so that a plain copy carries everything.
        await using (var connection = new SqliteConnection(ConnectionString(path)))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        return path;
    }

    private static string CreateFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "accessconsole-tests");
        DeleteFoldersOfEndedRuns(root);
        var folder = Path.Combine(root, Environment.ProcessId.ToString());
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return folder;
    }

    // A run that was killed never reaches its ProcessExit handler, so its folder stays, with whatever copies were open.
    // Each run's folder is named by its process id, so a folder whose process is gone belongs to no running test.
    internal static void DeleteFoldersOfEndedRuns(string root)
    {
        if (!Directory.Exists(root)) return;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var processId) || IsRunning(processId)) continue;
            try { Directory.Delete(folder, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
