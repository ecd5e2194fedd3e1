using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Audit;

public sealed class AuditSearchTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private AuditSearchService search = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        factory.StartHost();
        search = new AuditSearchService(factory.Contexts(), new TestActor("Lee", Roles.Legal));
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public void A_search_written_as_a_url_reads_back_as_the_same_search()
    {
        var filter = new AuditFilter
        {
            OrganizationId = Guid.NewGuid(), ActorId = "dev:lee legal", Action = "access.revoke", ReasonCode = "non-payment",
            SubjectId = Guid.NewGuid().ToString("D"),
            From = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            To = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc).AddDays(1).AddTicks(-1),
        };
        var cursor = new AuditCursor(Before: 10_000);

        var url = "/audit" + AuditSearchParameters.ToQueryString(filter, cursor);
        var read = AuditSearchParameters.ParseUrl("https://console.example" + url);

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        Assert.Equal(filter, read.Filter);
        Assert.Equal(cursor, read.Cursor);
        Assert.Contains("from=2026-03-01&to=2026-03-31&before=10000", url);
        Assert.Contains("actor=dev%3Alee%20legal", url);
    }

    [Theory]
    [InlineData("from=2026-02-30", "'from' must be a date")]
    [InlineData("to=tomorrow", "'to' must be a date")]
    [InlineData("from=0001-01-01", "'from' must be a date")]
    [InlineData("from=2026-05-02&to=2026-05-01", "ends before it starts")]
    [InlineData("organization=42", "'organization' must be an organization id")]
    [InlineData("before=-3", "'before' must be a sequence number")]
    [InlineData("before=3&after=1", "not both")]
    [InlineData("sort=name", "'sort' is not a filter")]
    [InlineData("action=a&action=b", "Give 'action' once")]
    public void Bad_input_in_the_url_becomes_a_message(string query, string message)
    {
        var read = AuditSearchParameters.ParseUrl("/audit?" + query);

        Assert.False(read.IsValid);
        Assert.Contains(read.Errors, e => e.Contains(message));
    }

    [Theory]
    [InlineData("from=not-a-date", "&#x27;from&#x27; must be a date")]
    [InlineData("colour=blue", "&#x27;colour&#x27; is not a filter")]
    public async Task The_page_answers_bad_input_with_the_message_not_an_error(string query, string message)
    {
        var client = await factory.SignedInClientAsync("Lee", Roles.Legal);

        var response = await client.GetAsync("/audit?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("This search cannot run", html);
        Assert.Contains(message, html);
    }

    [Fact]
    public async Task The_page_answers_a_huge_url_value_with_a_message()
    {
        var client = await factory.SignedInClientAsync("Lee", Roles.Legal);

        var html = await client.GetStringAsync("/audit?subject=" + new string('x', 4_000));

        Assert.Contains("is too long", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task Reading_a_url_restores_its_search_on_the_page()
    {
        var client = await factory.SignedInClientAsync("Lee", Roles.Legal);
        var meridian = await OrganizationIdAsync(DemoCatalog.DisputedOrganization);

        var revocations = (await factory.EventsAsync()).Count(e => e.OrganizationId == meridian && e.Action == "access.revoke");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/audit?organization={meridian}&action=access.revoke"));

        Assert.Contains(revocations == 1 ? "1 event matches" : $"{revocations} events match", html);
        Assert.Contains("Invoices for three months unpaid", html);
        Assert.DoesNotContain("Sustained bursts", html);
        Assert.DoesNotContain("Reselling access", html);
    }

    [Fact]
    public async Task Keyset_pages_cover_every_event_once_in_both_directions()
    {
        var organizations = await OrganizationsAsync(3);
        // The demo's history may already hold events of these organizations; the pages must cover those too.
        var earlier = (await factory.EventsAsync()).Count(e => e.OrganizationId == organizations[1].Id);
        await factory.AppendSyntheticEventsAsync(3 * (2 * AuditSearchService.PageSize + 7), organizations);
        var filter = new AuditFilter { OrganizationId = organizations[1].Id };
        var expected = (await factory.EventsAsync()).Where(e => e.OrganizationId == organizations[1].Id).Select(e => e.Sequence).OrderDescending().ToList();

        var older = new List<long>();
        AuditCursor? cursor = AuditCursor.Newest;
        AuditEventsPage? last = null;
        while (cursor is not null)
        {
            last = await search.PageAsync(filter, cursor);
            older.AddRange(last.Events.Select(e => e.Sequence));
            cursor = last.Older;
        }
        var newer = new List<long>();
        cursor = AuditCursor.Oldest;
        while (cursor is not null)
        {
            var page = await search.PageAsync(filter, cursor);
            newer.InsertRange(0, page.Events.Select(e => e.Sequence));
            cursor = page.Newer;
        }

        Assert.Equal(earlier + 2 * AuditSearchService.PageSize + 7, expected.Count);
        Assert.Equal(expected, older);
        Assert.Equal(expected, newer);
        Assert.Equal(expected.Count, await search.CountAsync(filter));
        Assert.NotNull(last!.Newer);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("OrganizationId")]
    [InlineData("ActorId")]
    [InlineData("Action")]
    [InlineData("ReasonCode")]
    [InlineData("SubjectId")]
    public async Task A_page_deep_in_the_log_is_one_index_range_read(string? filterColumn)
    {
        await using var db = await factory.Contexts().CreateDbContextAsync();
        var filter = filterColumn switch
        {
            "OrganizationId" => new AuditFilter { OrganizationId = Guid.NewGuid() },
            "ActorId" => new AuditFilter { ActorId = "dev:lee" },
            "Action" => new AuditFilter { Action = "access.revoke" },
            "ReasonCode" => new AuditFilter { ReasonCode = "capacity" },
            "SubjectId" => new AuditFilter { SubjectId = "x" },
            _ => new AuditFilter(),
        };
        var query = db.AuditEvents.Matching(filter).Where(e => e.Sequence < 1_000_000).OrderByDescending(e => e.Sequence).Take(51);

        var plan = await QueryPlanAsync(db, query.ToQueryString());

        Assert.DoesNotContain("TEMP B-TREE", plan);
        Assert.DoesNotContain("SCAN", plan.Replace("SCAN AuditEvents USING INTEGER PRIMARY KEY", "", StringComparison.Ordinal)
            .Replace("SEARCH", "", StringComparison.Ordinal));
        Assert.Contains(filterColumn is null ? "USING INTEGER PRIMARY KEY (rowid<?)" : $"USING INDEX IX_AuditEvents_{filterColumn}_Sequence ({filterColumn}=? AND Sequence<?)", plan);
    }

    [Fact]
    public async Task Changes_per_day_count_each_action_on_its_day()
    {
        var meridian = await OrganizationIdAsync(DemoCatalog.DisputedOrganization);

        var chart = await search.ChangesPerDayAsync(new AuditFilter { OrganizationId = meridian });

        var events = (await factory.EventsAsync()).Where(e => e.OrganizationId == meridian && e.OccurredAt >= chart.Days[0]).ToList();
        Assert.NotEmpty(events);
        foreach (var e in events)
        {
            Assert.Contains(chart.SeriesOf(e.Action), p => p.Day == e.OccurredAt.Date && p.Count >= 1);
        }
        Assert.Equal(events.Count, chart.Counts.Sum(c => c.Count));
        Assert.True(chart.Days.Count <= AuditSearchService.ChartDays);
    }

    private async Task<Guid> OrganizationIdAsync(string name)
    {
        await using var db = await factory.Contexts().CreateDbContextAsync();
        return await db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();
    }

    private async Task<IReadOnlyList<(Guid Id, string Name)>> OrganizationsAsync(int count)
    {
        await using var db = await factory.Contexts().CreateDbContextAsync();
        return (await db.Organizations.OrderBy(o => o.Name).Take(count).Select(o => new { o.Id, o.Name }).ToListAsync())
            .Select(o => (o.Id, o.Name)).ToList();
    }

    private static async Task<string> QueryPlanAsync(AccessConsoleDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var parameters = sql.Split('\n').TakeWhile(l => l.StartsWith(".param set", StringComparison.Ordinal)).ToList();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', sql.Split('\n').Skip(parameters.Count));
        foreach (var line in parameters)
        {
            var parts = line.Split(' ', 4);
            var parameter = command.CreateParameter();
            parameter.ParameterName = parts[2];
            parameter.Value = parts[3].Trim('\'');
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return string.Join("\n", plan);
    }
}
