using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Audit;

/// <summary>
/// A time-range search skips the full blocks of the log it has learned to lie outside its range; over a log whose
/// times are out of sequence order, cold or warm, and after more events arrive, it must page exactly as before.
/// </summary>
public sealed class TimeRangeSearchTests : IAsyncLifetime
{
    private static readonly DateTime Recent = DateTime.UtcNow.AddDays(-30);
    private ConsoleFactory factory = null!;
    private AuditSearchService search = null!;
    private (Guid Id, string Name)[] organizations = [];

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        factory.StartHost();
        search = new AuditSearchService(factory.Contexts(), new TestActor("Lee", Roles.Legal));
        await using var db = await factory.Contexts().CreateDbContextAsync();
        organizations = (await db.Organizations.OrderBy(o => o.Name).Take(2).Select(o => new { o.Id, o.Name }).ToListAsync())
            .Select(o => (o.Id, o.Name)).ToArray();
        // Three full blocks and more of events dated 2025, after the demo's recent history.
        await factory.AppendSyntheticEventsAsync(3 * TimeBlocks.Size + 500, organizations);
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_range_before_later_blocks_pages_exactly_cold_warm_and_after_new_events()
    {
        var filter = new AuditFilter { From = Recent };

        await AssertPagesExactlyAsync(filter);
        await AssertPagesExactlyAsync(filter);
        await factory.AppendSyntheticEventsAsync(TimeBlocks.Size + 20, organizations, from: DateTime.UtcNow.AddDays(-1));
        await AssertPagesExactlyAsync(filter);
    }

    [Fact]
    public async Task A_range_inside_the_blocks_pages_exactly_from_either_end()
    {
        var filter = new AuditFilter { From = new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc), To = new DateTime(2025, 1, 2, 18, 0, 0, DateTimeKind.Utc) };

        await AssertPagesExactlyAsync(filter);
        await AssertPagesExactlyAsync(new AuditFilter { To = new DateTime(2025, 1, 1, 2, 0, 0, DateTimeKind.Utc) });
        await AssertPagesExactlyAsync(filter);
        await AssertPagesExactlyAsync(new AuditFilter { From = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
    }

    private Task AssertPagesExactlyAsync(AuditFilter filter) => AuditPaging.AssertPagesExactlyAsync(factory, search, filter);
}
