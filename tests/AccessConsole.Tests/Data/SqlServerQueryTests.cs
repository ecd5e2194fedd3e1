using System.Data;
using System.Data.Common;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Data;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace AccessConsole.Tests.Data;

/// <summary>
/// The compiled read queries, which SQL Server runs where SQLite uses plain SQL or a sequence walk, translate for
/// SQL Server into T-SQL that parses; no server is needed, the commands are answered with empty results.
/// </summary>
public sealed class SqlServerQueryTests
{
    [Fact]
    public async Task The_compiled_reads_translate_to_t_sql_that_parses_and_leaves_out_absent_filters()
    {
        var commands = new EmptyAnswers();
        var contexts = new AccessConsoleDbContextFactory(
            new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=localhost,1;Database=none;Connect Timeout=1" }, AppContext.BaseDirectory, [commands, new NoServer()]);
        await using var db = contexts.CreateDbContext();
        var id = Guid.NewGuid();

        await LookupQueries.KeysByHash.For(db)(db, "hash").ToListAsync();
        await LookupQueries.KeysByPrefix.For(db)(db, "sk-a", "sk-b").ToListAsync();
        await LookupQueries.KeysById.For(db)(db, id).ToListAsync();
        await LookupQueries.OrganizationsById.For(db)(db, id).ToListAsync();
        await LookupQueries.OrganizationsByName.For(db)(db, "A", "B").ToListAsync();
        await LookupQueries.OrganizationsByDomain.For(db)(db, "a", "b").ToListAsync();
        await OrganizationQueries.Head.For(db)(db, id);
        await OrganizationQueries.DomainsAndTags.For(db)(db, id).ToListAsync();
        await OrganizationKeyQueries.Page(db, id, KeySort.Expires, true, 10, 10).ToListAsync();
        await OrganizationQueries.Integrations.For(db)(db, id).ToListAsync();
        await OrganizationQueries.UsageSince.For(db)(db, id, DateTime.UtcNow).ToListAsync();
        var filter = OrganizationListQueries.Of(new OrganizationListQuery { NamePrefix = "a", Tag = "reseller", IntegrationId = id });
        // An empty answer holds no count, so the count fails after its SQL is sent.
        await Assert.ThrowsAsync<InvalidOperationException>(() => OrganizationListQueries.CountAsync(db, filter));
        await OrganizationListQueries.Page(db, filter, OrganizationSort.Created, true, 25, 25).ToListAsync();
        await AuditPageQueries.OlderAsync(db, new AuditFilter { From = DateTime.UtcNow }, null, 51, default);
        await AuditPageQueries.NewerAsync(db, new AuditFilter { ActorId = "a", OrganizationId = id }, 5, 51, default);

        Assert.Equal(15, commands.Sql.Count);
        var parser = new TSql150Parser(initialQuotedIdentifiers: true);
        foreach (var sql in commands.Sql)
        {
            parser.Parse(new StringReader(sql), out var errors);
            Assert.True(errors.Count == 0, sql + "\n" + string.Join("\n", errors.Select(e => e.Message)));
        }
        var timeOnly = commands.Sql[^2][commands.Sql[^2].IndexOf("WHERE", StringComparison.Ordinal)..];
        var actorAndOrganization = commands.Sql[^1][commands.Sql[^1].IndexOf("WHERE", StringComparison.Ordinal)..];
        Assert.StartsWith("WHERE [a].[OccurredAt] >= @from\nORDER BY", timeOnly.ReplaceLineEndings("\n"));
        Assert.StartsWith("WHERE [a].[OrganizationId] = @organization AND [a].[ActorId] = @actor AND [a].[Sequence] > @above",
            actorAndOrganization);
    }

    private sealed class EmptyAnswers : DbCommandInterceptor
    {
        public List<string> Sql { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Sql.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(new DataTable().CreateDataReader()));
        }
    }

    private sealed class NoServer : DbConnectionInterceptor
    {
        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(InterceptionResult.Suppress());
    }
}
