using System.Data.Common;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Audit;

/// <summary>
/// The search's pages come from compiled queries with every filter a parameter: each combination of filters must
/// page exactly as a query composed for it, and run as the same single index range read.
/// </summary>
public sealed class AuditPageQueryTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private (Guid Id, string Name)[] organizations = [];

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        factory.StartHost();
        await using var db = await factory.Contexts().CreateDbContextAsync();
        organizations = (await db.Organizations.OrderBy(o => o.Name).Take(3).Select(o => new { o.Id, o.Name }).ToListAsync())
            .Select(o => (o.Id, o.Name)).ToArray();
        // Dated 2025, after the demo's recent events: the log's times are not in sequence order.
        await factory.AppendSyntheticEventsAsync(3 * AuditSearchService.PageSize + 11, organizations);
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    public static TheoryData<string> Filters => [.. FilterOf.Keys];

    private static readonly Dictionary<string, Func<Guid, AuditFilter>> FilterOf = new()
    {
        ["none"] = _ => new AuditFilter(),
        ["organization"] = o => new AuditFilter { OrganizationId = o },
        ["actor"] = _ => new AuditFilter { ActorId = "bulk:ann" },
        ["action"] = _ => new AuditFilter { Action = "access.restrict" },
        ["reason"] = _ => new AuditFilter { ReasonCode = "capacity" },
        ["subject"] = o => new AuditFilter { SubjectId = o.ToString("D") },
        ["organization and action"] = o => new AuditFilter { OrganizationId = o, Action = "access.revoke" },
        ["actor and time"] = _ => new AuditFilter { ActorId = "bulk:ann", From = new DateTime(2025, 1, 1, 0, 20, 0, DateTimeKind.Utc) },
        ["time range only"] = _ => new AuditFilter { From = new DateTime(2025, 1, 1, 0, 10, 0, DateTimeKind.Utc), To = new DateTime(2025, 1, 1, 1, 0, 0, DateTimeKind.Utc) },
        ["since a time"] = _ => new AuditFilter { From = DateTime.UtcNow.AddDays(-30) },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Pages_hold_every_matching_event_once_in_sequence_order_both_ways(string name)
    {
        var filter = FilterOf[name](organizations[1].Id);
        var search = new AuditSearchService(factory.Contexts(), new TestActor("Lee", Roles.Legal));
        var expected = await AuditPaging.AssertPagesExactlyAsync(factory, search, filter);

        Assert.NotEmpty(expected);
    }

    [Theory]
    [InlineData("none", @"SCAN a|SEARCH a USING INTEGER PRIMARY KEY \(rowid[<>]\?\)")]
    [InlineData("organization", @"SEARCH a USING INDEX IX_AuditEvents_OrganizationId_Sequence \(OrganizationId=\?( AND Sequence[<>]\?)?\)")]
    [InlineData("actor", @"SEARCH a USING INDEX IX_AuditEvents_ActorId_Sequence \(ActorId=\?( AND Sequence[<>]\?)?\)")]
    [InlineData("action", @"SEARCH a USING INDEX IX_AuditEvents_Action_Sequence \(Action=\?( AND Sequence[<>]\?)?\)")]
    [InlineData("reason", @"SEARCH a USING INDEX IX_AuditEvents_ReasonCode_Sequence \(ReasonCode=\?( AND Sequence[<>]\?)?\)")]
    [InlineData("subject", @"SEARCH a USING INDEX IX_AuditEvents_SubjectId_Sequence \(SubjectId=\?( AND Sequence[<>]\?)?\)")]
    public async Task Each_page_read_is_one_index_range_without_the_absent_filters(string name, string expectedPlan)
    {
        var commands = new CommandLog();
        var contexts = new AccessConsoleDbContextFactory(factory.Services.GetRequiredService<DatabaseOptions>(), AppContext.BaseDirectory, [commands]);
        var search = new AuditSearchService(contexts, new TestActor("Lee", Roles.Legal));

        var first = await search.PageAsync(FilterOf[name](organizations[1].Id), AuditCursor.Newest);
        await search.PageAsync(FilterOf[name](organizations[1].Id), first.Older ?? AuditCursor.Oldest);

        Assert.True(commands.Count >= 3);
        await using var connection = new SqliteConnection(contexts.ConnectionString);
        await connection.OpenAsync();
        foreach (var command in commands)
        {
            Assert.DoesNotContain("IS NULL", command.Text);
            var plan = await PlanAsync(connection, command);
            // The whole plan is one step: one range of the index named, in its order, so no sort (TEMP B-TREE) either.
            Assert.Matches("^(" + expectedPlan + ")$", plan);
        }
    }

    private static async Task<string> PlanAsync(SqliteConnection connection, (string Text, (string Name, object? Value)[] Parameters) command)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Text;
        foreach (var (parameterName, value) in command.Parameters) explain.Parameters.AddWithValue(parameterName, value ?? DBNull.Value);
        await using var reader = await explain.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return string.Join("\n", plan);
    }

    private sealed class CommandLog : DbCommandInterceptor, IEnumerable<(string Text, (string Name, object? Value)[] Parameters)>
    {
        private readonly List<(string, (string, object?)[])> commands = [];

        public int Count => commands.Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("AuditEvents", StringComparison.Ordinal))
            {
                commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToArray()));
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public IEnumerator<(string Text, (string Name, object? Value)[] Parameters)> GetEnumerator() => commands.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
