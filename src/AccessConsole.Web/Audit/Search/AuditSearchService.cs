using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Search;

public sealed record AuditChoice(string Value, string Text);

/// <summary>The values the filters offer: organizations, people and actions that appear in the log, reasons.</summary>
public sealed record AuditFilterChoices(
    IReadOnlyList<AuditChoice> Organizations, IReadOnlyList<AuditChoice> Actors,
    IReadOnlyList<AuditChoice> Actions, IReadOnlyList<AuditChoice> Reasons);

/// <summary>
/// Searches the audit log for Legal and Admin, paged in the database by sequence (keyset), newest first: every
/// page is one index range read, so page 10,000 costs what page 1 costs.
/// </summary>
public sealed class AuditSearchService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor)
{
    public const int PageSize = 50;

    public async Task<AuditEventsPage> PageAsync(AuditFilter filter, AuditCursor cursor, CancellationToken cancellationToken = default)
    {
        await RequireAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = PageSource(db, filter).AsNoTracking().Matching(filter);
        if (cursor.After is { } after)
        {
            var newer = await events.Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(PageSize + 1).ToListAsync(cancellationToken);
            var page = newer.Take(PageSize).Reverse().ToList();
            var hasOlder = await ExistsAsync(events.Where(e => e.Sequence <= after).OrderByDescending(e => e.Sequence), cancellationToken);
            return Page(page, hasNewer: newer.Count > PageSize, hasOlder);
        }
        var older = cursor.Before is { } before ? events.Where(e => e.Sequence < before) : events;
        var rows = await older.OrderByDescending(e => e.Sequence).Take(PageSize + 1).ToListAsync(cancellationToken);
        var hasNewer = cursor.Before is { } b && await ExistsAsync(events.Where(e => e.Sequence >= b).OrderBy(e => e.Sequence), cancellationToken);
        return Page(rows.Take(PageSize).ToList(), hasNewer, hasOlder: rows.Count > PageSize);
    }

    /// <summary>
    /// A page is the newest (or oldest) events of the filter in sequence order. With a time range as the only filter,
    /// SQLite would read the whole range through the time index and sort it (seconds for a year of ten million
    /// events); walking the sequence and stopping at the page is far cheaper, so the time index is kept out of it.
    /// Equality filters have their own (column, sequence) indexes, which give the page directly.
    /// </summary>
    private static IQueryable<AuditEvent> PageSource(AccessConsoleDbContext db, AuditFilter filter)
    {
        var timeOnly = filter with { From = null, To = null } == new AuditFilter() && (filter.From is not null || filter.To is not null);
        return timeOnly && db.Provider == DatabaseProvider.Sqlite
            ? db.AuditEvents.FromSqlRaw($"SELECT * FROM \"{AuditEventConfiguration.Table}\" NOT INDEXED")
            : db.AuditEvents;
    }

    /// <summary>Any, as the first match in the given order (EF cannot compose Any over the raw page source).</summary>
    private static async Task<bool> ExistsAsync(IQueryable<AuditEvent> events, CancellationToken cancellationToken) =>
        await events.Select(e => (long?)e.Sequence).FirstOrDefaultAsync(cancellationToken) is not null;

    public async Task<long> CountAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await RequireAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.Matching(filter).LongCountAsync(cancellationToken);
    }

    /// <summary>
    /// Events per day and action over the filter's time range, or over the days up to the newest matching event,
    /// at most <see cref="ChartDays"/> days (the latest ones) so that the chart stays readable.
    /// </summary>
    public async Task<ChangesPerDay> ChangesPerDayAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await RequireAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = db.AuditEvents.Matching(filter);
        var newest = filter.To ?? await events.MaxAsync(e => (DateTime?)e.OccurredAt, cancellationToken);
        if (newest is not { } last) return new ChangesPerDay([], [], false);
        var first = filter.From ?? await events.MinAsync(e => e.OccurredAt, cancellationToken);
        var start = first.Date < last.Date.AddDays(1 - ChartDays) ? last.Date.AddDays(1 - ChartDays) : first.Date;
        var counts = await events.Where(e => e.OccurredAt >= start)
            .GroupBy(e => new { e.OccurredAt.Date, e.Action })
            .Select(g => new DailyActionCount(g.Key.Date, g.Key.Action, g.Count()))
            .ToListAsync(cancellationToken);
        var days = Enumerable.Range(0, (int)(last.Date - start).TotalDays + 1).Select(d => start.AddDays(d)).ToList();
        return new ChangesPerDay(days, counts, Truncated: start > first.Date);
    }

    public const int ChartDays = 92;

    public async Task<AuditFilterChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await RequireAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organizations = await db.Organizations.OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var actors = await db.AuditEvents.GroupBy(e => e.ActorId).Select(g => new { Id = g.Key, Name = g.Max(e => e.ActorName) }).ToListAsync(cancellationToken);
        var actions = await db.AuditEvents.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        var reasons = await db.ReasonCodes.OrderBy(r => r.Label).Select(r => new AuditChoice(r.Code, r.Label)).ToListAsync(cancellationToken);
        return new(
            organizations.Select(o => new AuditChoice(o.Id.ToString("D"), o.Name)).ToList(),
            actors.OrderBy(a => a.Name).Select(a => new AuditChoice(a.Id, a.Name ?? a.Id)).ToList(),
            actions.Select(a => new AuditChoice(a, a)).ToList(),
            reasons);
    }

    private async Task RequireAsync() => (await currentActor.GetAsync()).Require(Policies.ReadAudit);

    private static AuditEventsPage Page(List<AuditEvent> rows, bool hasNewer, bool hasOlder) => new(
        rows,
        hasNewer && rows.Count > 0 ? new AuditCursor(After: rows[0].Sequence) : null,
        hasOlder && rows.Count > 0 ? new AuditCursor(Before: rows[^1].Sequence) : null);
}
