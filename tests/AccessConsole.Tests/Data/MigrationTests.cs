using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace AccessConsole.Tests.Data;

public sealed class MigrationTests
{
    private static readonly string ScriptPath = Path.Combine(RepositoryRoot(), "db", "sqlserver", "AccessConsole.sql");

    public static TheoryData<string> Providers => [nameof(DatabaseProvider.Sqlite), nameof(DatabaseProvider.SqlServer)];

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_migrations_of_each_provider_cover_the_whole_model(string provider)
    {
        using var db = DesignTimeContext(Enum.Parse<DatabaseProvider>(provider));
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot?.Model;
        Assert.NotNull(snapshot);
        if (snapshot is IMutableModel mutable) snapshot = mutable.FinalizeModel();
        snapshot = db.GetService<IModelRuntimeInitializer>().Initialize(snapshot);

        var differences = db.GetService<IMigrationsModelDiffer>().GetDifferences(
            snapshot.GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());

        Assert.True(differences.Count == 0,
            $"The {provider} model has changes that no migration holds: {string.Join(", ", differences.Select(d => d.GetType().Name))}. Add a migration (see db/README.md).");
    }

    [Fact]
    public void The_sql_server_script_is_current_with_the_migrations()
    {
        using var db = DesignTimeContext(DatabaseProvider.SqlServer);
        var expected = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.True(File.Exists(ScriptPath), $"{ScriptPath} is missing");
        Assert.True(Normalize(expected) == Normalize(File.ReadAllText(ScriptPath)),
            "db/sqlserver/AccessConsole.sql is stale: regenerate it as db/README.md says.");
    }

    [Fact]
    public void The_sql_server_script_parses_as_t_sql_without_errors()
    {
        var parser = new TSql150Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(File.ReadAllText(ScriptPath));

        parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Fact]
    public void The_sql_server_script_creates_the_audit_triggers()
    {
        var script = File.ReadAllText(ScriptPath);

        Assert.Contains("CREATE TRIGGER [dbo].[AuditEvents_RefuseUpdateDelete]", script);
        Assert.Contains("INSTEAD OF UPDATE, DELETE", script);
    }

    private static AccessConsoleDbContext DesignTimeContext(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDesignTimeFactory().CreateDbContext([]),
        _ => new SqlServerDesignTimeFactory().CreateDbContext([]),
    };

    private static string Normalize(string script) => script.Replace("\r\n", "\n").Trim();

    private static string RepositoryRoot() =>
        AccessConsole.Web.Hosting.DevelopmentConfiguration.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The tests run inside the repository.");
}
