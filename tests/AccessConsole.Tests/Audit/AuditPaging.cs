using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit.Search;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Audit;

public static class AuditPaging
{
    /// <summary>
    /// Walks every page of a search from the newest and from the oldest end and asserts each walk holds every matching
    /// event once, newest first; returns the matching sequences.
    /// </summary>
    public static async Task<List<long>> AssertPagesExactlyAsync(ConsoleFactory factory, AuditSearchService search, AuditFilter filter)
    {
        await using var db = await factory.Contexts().CreateDbContextAsync();
        var expected = await db.AuditEvents.Matching(filter).OrderByDescending(e => e.Sequence).Select(e => e.Sequence).ToListAsync();

        var older = new List<long>();
        for (AuditCursor? cursor = AuditCursor.Newest; cursor is not null;)
        {
            var page = await search.PageAsync(filter, cursor);
            older.AddRange(page.Events.Select(e => e.Sequence));
            cursor = page.Older;
        }
        var newer = new List<long>();
        for (AuditCursor? cursor = AuditCursor.Oldest; cursor is not null;)
        {
            var page = await search.PageAsync(filter, cursor);
            newer.InsertRange(0, page.Events.Select(e => e.Sequence));
            cursor = page.Newer;
        }

        Assert.Equal(expected, older);
        Assert.Equal(expected, newer);
        return expected;
    }
}
