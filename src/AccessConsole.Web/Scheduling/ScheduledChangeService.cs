using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using AccessConsole.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Scheduling;

/// <summary>Lists scheduled changes (a person's own, or a subject's) and cancels one before its time, audited.</summary>
public sealed class ScheduledChangeService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock)
{
    public const int ReasonMin = 10;
    public const int ReasonMax = 1000;

    /// <summary>How long a skipped change stays on its subject's page (My scheduled changes keeps it).</summary>
    public static readonly TimeSpan SkippedShownFor = TimeSpan.FromDays(30);

    /// <summary>The changes the signed-in person scheduled, the next to take effect first, then the past ones, newest first.</summary>
    public async Task<IReadOnlyList<ScheduledChangeRow>> MineAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ChangeAccess);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await RowsAsync(db, actor, db.ChangeJobs.Where(j => j.RequestedById == actor.Id), take, cancellationToken);
        return [.. rows.Where(r => r.State is ScheduleState.Scheduled or ScheduleState.AwaitingApproval).OrderBy(r => r.TakesEffectAt),
            .. rows.Where(r => r.State is not (ScheduleState.Scheduled or ScheduleState.AwaitingApproval)).OrderByDescending(r => r.TakesEffectAt)];
    }

    /// <summary>
    /// The scheduled changes of a subject (for an organization, also of its keys and integrations) that still wait,
    /// and those skipped lately, so that whoever scheduled one sees why it did not apply.
    /// </summary>
    public async Task<IReadOnlyList<ScheduledChangeRow>> ForSubjectAsync(Guid subjectOrOrganizationId, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = db.ChangeJobItems.Where(i => i.SubjectId == subjectOrOrganizationId || i.OrganizationId == subjectOrOrganizationId);
        var jobs = db.ChangeJobs.Where(j => items.Any(i => i.JobId == j.Id));
        var rows = await RowsAsync(db, actor, jobs, 50, cancellationToken);
        var skippedSince = clock.GetUtcNow().UtcDateTime - SkippedShownFor;
        return [.. rows.Where(r => r.State is ScheduleState.Scheduled or ScheduleState.AwaitingApproval or ScheduleState.Applying
                || (r.State == ScheduleState.Skipped && r.TakesEffectAt > skippedSince))
            .OrderBy(r => r.TakesEffectAt)];
    }

    public async Task<CancelResult> CancelAsync(Guid jobId, string? reason, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ChangeAccess);
        var text = reason?.Trim() ?? "";
        if (text.Length < ReasonMin) return CancelResult.Refused(CancelResult.Reason, $"Write why it is cancelled, in at least {ReasonMin} characters.");
        if (text.Length > ReasonMax) return CancelResult.Refused(CancelResult.Reason, $"Keep it to {ReasonMax:N0} characters (it has {text.Length:N0}).");
        if (FreeText.Problem(text, multiline: true) is { } problem) return CancelResult.Refused(CancelResult.Reason, problem);

        var now = clock.GetUtcNow().UtcDateTime;
        return await AuditLog.WriteAsync(contexts, async db =>
        {
            var schedule = await db.ScheduledChanges.SingleOrDefaultAsync(s => s.JobId == jobId, cancellationToken);
            if (schedule is null) return (CancelResult.Refused(CancelResult.Change, "There is no such scheduled change."), false);
            // Conditional, so that a change that the worker has just released to apply is never also marked cancelled.
            var cancelled = await db.ChangeJobs.Where(j => j.Id == jobId && j.State == JobState.Scheduled)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.State, JobState.Cancelled).SetProperty(j => j.FinishedAt, now), cancellationToken);
            var job = await db.ChangeJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
            if (cancelled == 0)
            {
                return (CancelResult.Refused(CancelResult.Change, job.State == JobState.AwaitingApproval
                    ? "This change still waits for approval; it can be cancelled once approved, before it takes effect."
                    : $"This change can no longer be cancelled: it is {ScheduledChangeRow.StateOf(job.State, null).ToString().ToLowerInvariant()}."), false);
            }

            schedule.CancelledById = actor.Id;
            schedule.CancelledByName = actor.Name;
            schedule.CancelledAt = now;
            schedule.CancelReason = text;
            var single = job.HasOneSubject ? await db.ChangeJobItems.AsNoTracking().SingleAsync(i => i.JobId == jobId, cancellationToken) : null;
            await AuditLog.AppendAsync(db, [JobEvents.Of(JobEvents.ScheduleCancelled, actor, job, single, now, text,
                new { scheduledBy = schedule.SchedulingSequence, takesEffect = schedule.TakesEffectAt })], cancellationToken);
            return (new CancelResult(new Dictionary<string, string>()), true);
        }, cancellationToken);
    }

    private static async Task<List<ScheduledChangeRow>> RowsAsync(
        AccessConsoleDbContext db, Actor actor, IQueryable<ChangeJob> jobs, int take, CancellationToken ct)
    {
        var found = await db.ScheduledChanges.Join(jobs, s => s.JobId, j => j.Id, (s, j) => new { s, j })
            .OrderByDescending(x => x.s.TakesEffectAt).Take(Math.Clamp(take, 1, 500)).AsNoTracking().ToListAsync(ct);
        var singles = found.Where(x => x.j.HasOneSubject).Select(x => x.j.Id).ToList();
        var items = await db.ChangeJobItems.AsNoTracking().Where(i => singles.Contains(i.JobId)).ToDictionaryAsync(i => i.JobId, ct);
        return [.. found.Select(x =>
        {
            var item = items.GetValueOrDefault(x.j.Id);
            var state = ScheduledChangeRow.StateOf(x.j.State, item?.Outcome);
            var reason = state switch
            {
                ScheduleState.Cancelled => $"{x.s.CancelReason} ({x.s.CancelledByName}, {x.s.CancelledAt:yyyy-MM-dd HH:mm} UTC)",
                ScheduleState.Skipped => item?.Message,
                _ => null,
            };
            return new ScheduledChangeRow(x.j.Id, x.j.Origin, x.j.Summary, x.j.Change, x.s.TakesEffectAt, x.j.Until, x.j.RequestedByName,
                x.j.RequestedById == actor.Id, x.s.SchedulingSequence, state, reason, item?.AuditSequence, x.j.Total, x.j.Changed, x.j.NotChanged);
        })];
    }
}
