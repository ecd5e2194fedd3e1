using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using AccessConsole.Web.Shared;
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
        if (cursor.After is { } after)
        {
            var newer = await AuditPageQueries.NewerAsync(db, filter, after, PageSize + 1, cancellationToken);
            var page = newer.Take(PageSize).Reverse().ToList();
            var hasOlder = (await AuditPageQueries.OlderAsync(db, filter, below: after + 1, 1, cancellationToken)).Count > 0;
            return Page(page, hasNewer: newer.Count > PageSize, hasOlder);
        }
        var rows = await AuditPageQueries.OlderAsync(db, filter, cursor.Before, PageSize + 1, cancellationToken);
        var hasNewer = cursor.Before is { } before && (await AuditPageQueries.NewerAsync(db, filter, above: before - 1, 1, cancellationToken)).Count > 0;
        return Page(rows.Take(PageSize).ToList(), hasNewer, hasOlder: rows.Count > PageSize);
    }

    /// <summary>One event by its sequence number, or null when the log has none such.</summary>
    public async Task<AuditEvent?> EventAsync(long sequence, CancellationToken cancellationToken = default)
    {
        await RequireAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Sequence == sequence, cancellationToken);
    }

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
            actions.Select(a => new AuditChoice(a, Labels.Action(a))).OrderBy(a => a.Text).ToList(),
            reasons);
    }

    private async Task RequireAsync() => (await currentActor.GetAsync()).Require(Policies.ReadAudit);

    private static AuditEventsPage Page(List<AuditEvent> rows, bool hasNewer, bool hasOlder) => new(
        rows,
        hasNewer && rows.Count > 0 ? new AuditCursor(After: rows[0].Sequence) : null,
        hasOlder && rows.Count > 0 ? new AuditCursor(Before: rows[^1].Sequence) : null);
}
