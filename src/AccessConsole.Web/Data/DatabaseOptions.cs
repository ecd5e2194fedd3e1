namespace AccessConsole.Web.Data;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, a relative data source is resolved against the content root.</summary>
    public string ConnectionString { get; set; } = "Data Source=.data/accessconsole.db";

    /// <summary>Create and migrate the database at start-up, and load demo data when it is empty.</summary>
    public bool MigrateOnStartup { get; set; }

    public bool SeedDemoData { get; set; }

    /// <summary>
    /// On SQLite, use the hand-written paths kept for speed (false: EF Core alone, as on SQL Server). The scale
    /// benchmark turns them off to show what each is worth.
    /// </summary>
    public bool RawSqlitePaths { get; set; } = true;
}
