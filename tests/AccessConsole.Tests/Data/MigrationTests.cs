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

    /// <summary>
    /// On SQL Server every way of changing or removing an event or a checkpoint meets a refusal: UPDATE and DELETE (and
    /// MERGE's UPDATE and DELETE actions, which fire the same INSTEAD OF triggers) run a trigger whose only statement
    /// is THROW, so nothing is changed; an INSERT or MERGE over an existing event meets the primary key on the sequence
    /// or the unique event id; SQL Server has no REPLACE. Read from the generated script, parsed by SQL Server's parser.
    /// </summary>
    [Theory]
    [InlineData("AuditEvents", "Sequence", "EventId")]
    [InlineData("AuditCheckpoints", "Number", null)]
    public void The_sql_server_script_refuses_every_change_to_an_audit_table(string table, string key, string? uniqueColumn)
    {
        var script = File.ReadAllText(ScriptPath);
        var statements = Parse(script);
        var triggers = TriggerBodies(script).Select(body => Parse(body).OfType<CreateTriggerStatement>().Single())
            .Where(t => t.TriggerObject.Name.BaseIdentifier.Value == table).ToList();

        var trigger = Assert.Single(triggers);
        Assert.Equal(TriggerType.InsteadOf, trigger.TriggerType);
        Assert.Equal([TriggerActionType.Update, TriggerActionType.Delete], trigger.TriggerActions.Select(a => a.TriggerActionType));
        var body = Assert.IsType<BeginEndBlockStatement>(Assert.Single(trigger.StatementList.Statements));
        Assert.IsType<ThrowStatement>(Assert.Single(body.StatementList.Statements));
        var created = statements.OfType<CreateTableStatement>().Single(t => t.SchemaObjectName.BaseIdentifier.Value == table);
        var primaryKey = created.Definition.TableConstraints.OfType<UniqueConstraintDefinition>().Single(c => c.IsPrimaryKey);
        Assert.Equal([key], primaryKey.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value));
        if (uniqueColumn is not null)
        {
            Assert.Contains(statements.OfType<CreateIndexStatement>(), i => i.Unique && i.OnName.BaseIdentifier.Value == table
                && i.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value).SequenceEqual([uniqueColumn]));
        }
    }

    /// <summary>Every statement of the script, inside its IF blocks too.</summary>
    private static List<TSqlStatement> Parse(string sql)
    {
        var fragment = new TSql150Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.Empty(errors);
        var all = new List<TSqlStatement>();
        fragment.Accept(new StatementCollector(all));
        return all;
    }

    /// <summary>The text each <c>EXEC(N'CREATE TRIGGER …')</c> runs, with its doubled quotes undone.</summary>
    private static IEnumerable<string> TriggerBodies(string script) =>
        System.Text.RegularExpressions.Regex.Matches(script, @"EXEC\(N'(CREATE TRIGGER (?:[^']|'')*)'\)")
            .Select(m => m.Groups[1].Value.Replace("''", "'"));

    private sealed class StatementCollector(List<TSqlStatement> statements) : TSqlFragmentVisitor
    {
        public override void Visit(TSqlStatement node) => statements.Add(node);
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
