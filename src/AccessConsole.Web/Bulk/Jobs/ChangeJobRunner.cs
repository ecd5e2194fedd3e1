using System.Collections.Concurrent;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Rules;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Bulk.Jobs;

/// <summary>
/// Runs a job's pending subjects in order, each through the access service with its item enlisted in the change's
/// transaction. Safe to run again after a crash, and even twice at once: a subject whose item is no longer pending
/// is never changed again.
/// </summary>
public sealed class ChangeJobRunner(IDbContextFactory<AccessConsoleDbContext> contexts, AccessChangeService changes, TimeProvider clock,
    RuleChangeWriter? rules = null)
{
    private const int Batch = 100;
    private readonly ConcurrentDictionary<Guid, bool> running = new();

    /// <summary>Runs a queued or interrupted job to its end; answers false when there was nothing to run here.</summary>
    public async Task<bool> RunAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        if (!running.TryAdd(jobId, true)) return false;
        try
        {
            var (job, schedule) = await StartAsync(jobId, cancellationToken);
            if (job is null) return false;
            var after = -1;
            while (await PendingAsync(jobId, after, cancellationToken) is { Count: > 0 } items)
            {
                foreach (var item in items) await ProcessAsync(job, schedule, item, cancellationToken);
                after = items[^1].Position;
            }
            await FinishAsync(jobId, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordInterruptionAsync(jobId, e);
            throw;
        }
        finally
        {
            running.TryRemove(jobId, out _);
        }
    }

    /// <summary>
    /// A scheduled change applies itself: the actor is <c>system</c>, and its events name the event that scheduled it.
    /// A subject changed by someone after it was scheduled is skipped, never changed blindly.
    /// </summary>
    private async Task ProcessAsync(ChangeJob job, ScheduledChange? schedule, ChangeJobItem item, CancellationToken ct)
    {
        var (actor, details) = schedule is null
            ? (job.RequestedBy, null)
            : (Actor.System, new { scheduledBy = schedule.SchedulingSequence, scheduledFor = schedule.TakesEffectAt, scheduledByName = job.RequestedByName });
        var enlistment = new ItemEnlistment(job.Id, item.Position, details);
        var result = job.Origin == JobOrigin.Rule
            ? await (rules ?? throw new InvalidOperationException("Rule changes need the rule writer.")).ApplyAsync(job, item, actor, enlistment, ct)
            : await changes.ApplyAsync(job.RequestFor(item.Subject, item.ExpectedVersion), actor, job.Approver, ct, enlistment: enlistment);
        if (result.Succeeded) return;
        var message = string.Join(" ", result.Errors.Values);
        if (schedule is not null && result.Errors.ContainsKey(ChangeFields.Version))
        {
            message = $"Skipped: the subject was changed after this change was scheduled, so it was not applied. {message}";
        }
        await RecordNotChangedAsync(job.Id, item.Position, message, ct);
    }

    private async Task<(ChangeJob? Job, ScheduledChange? Schedule)> StartAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var job = await db.ChangeJobs.SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || !job.IsUnfinished) return (null, null);
        job.State = JobState.Running;
        job.StartedAt ??= clock.GetUtcNow().UtcDateTime;
        job.LastError = null;
        await db.SaveChangesAsync(ct);
        return (job, await db.ScheduledChanges.AsNoTracking().SingleOrDefaultAsync(s => s.JobId == jobId, ct));
    }

    private async Task<List<ChangeJobItem>> PendingAsync(Guid jobId, int after, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ChangeJobItems.AsNoTracking()
            .Where(i => i.JobId == jobId && i.Outcome == ItemOutcome.Pending && i.Position > after)
            .OrderBy(i => i.Position).Take(Batch).ToListAsync(ct);
    }

    /// <summary>A subject the access service refused (changed since, already so, gone): recorded once, with why.</summary>
    private Task RecordNotChangedAsync(Guid jobId, int position, string message, CancellationToken ct) =>
        // Under the same lock as the changes' own, so that this never races an item being claimed.
        AuditLog.WriteAsync(contexts, async db =>
        {
            var item = await db.ChangeJobItems.SingleAsync(i => i.JobId == jobId && i.Position == position, ct);
            if (item.Outcome != ItemOutcome.Pending) return (false, false);
            item.Outcome = ItemOutcome.NotChanged;
            item.Message = ChangeJob.Clip(message, 1000);
            item.ProcessedAt = clock.GetUtcNow().UtcDateTime;
            (await db.ChangeJobs.SingleAsync(j => j.Id == jobId, ct)).NotChanged++;
            return (true, true);
        }, ct);

    private async Task FinishAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.ChangeJobItems.AnyAsync(i => i.JobId == jobId && i.Outcome == ItemOutcome.Pending, ct)) return;
        var job = await db.ChangeJobs.SingleAsync(j => j.Id == jobId, ct);
        if (job.State != JobState.Running) return;
        job.State = JobState.Completed;
        job.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    private async Task RecordInterruptionAsync(Guid jobId, Exception error)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            var job = await db.ChangeJobs.SingleAsync(j => j.Id == jobId);
            var message = $"Stopped at {clock.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {error.GetBaseException().Message}";
            job.LastError = ChangeJob.Clip(message, 1000);
            await db.SaveChangesAsync();
        }
        catch (Exception)
        {
            // The database itself may be what failed; the job resumes from its items either way.
        }
    }
}
