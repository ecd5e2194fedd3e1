using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Scheduling;

/// <summary>The <c>ScheduledChanges</c> configuration section.</summary>
public sealed class ScheduleSettings
{
    public const string Section = "ScheduledChanges";

    /// <summary>
    /// How often each instance looks for a change whose time has come. Changes scheduled on this instance are
    /// applied at their time whatever this is; it bounds how late one scheduled on another instance can be.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>Wakes the worker the moment a change is scheduled or approved on this instance.</summary>
public sealed class ScheduleSignal : WakeSignal;

/// <summary>
/// Releases each scheduled change whose time has come and runs its job. The release is one conditional UPDATE
/// (scheduled to queued), and each subject's change claims its job item inside the change's own transaction, so with
/// several instances on one database every change still applies exactly once.
/// </summary>
public sealed class ScheduledChangeWorker(
    IDbContextFactory<AccessConsoleDbContext> contexts, TimeProvider clock, ScheduleSignal signal, ChangeJobRunner runner,
    ScheduleSettings settings, ILogger<ScheduledChangeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = settings.PollInterval;
            try
            {
                var (released, next) = await ReleaseDueAsync(contexts, clock.GetUtcNow().UtcDateTime, stoppingToken);
                if (released.Count > 0) logger.LogInformation("{Count} scheduled changes take effect now", released.Count);
                // Run here rather than wake the job worker, which may be between its rounds and would then wait a whole interval.
                foreach (var jobId in released) await runner.RunAsync(jobId, stoppingToken);
                if (next is { } at && at - clock.GetUtcNow().UtcDateTime is var until && until < wait) wait = until < TimeSpan.Zero ? TimeSpan.Zero : until;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Releasing scheduled changes failed; will try again");
            }
            await signal.WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>
    /// Queues every scheduled change that is due; answers those this call queued (another instance may have queued
    /// some of them first), and when the next one is due.
    /// </summary>
    public static async Task<(IReadOnlyList<Guid> Released, DateTime? Next)> ReleaseDueAsync(
        IDbContextFactory<AccessConsoleDbContext> contexts, DateTime now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var waiting = db.ScheduledChanges.Join(db.ChangeJobs.Where(j => j.State == JobState.Scheduled), s => s.JobId, j => j.Id, (s, _) => s);
        var due = await waiting.Where(s => s.TakesEffectAt <= now).OrderBy(s => s.TakesEffectAt).Select(s => s.JobId).ToListAsync(ct);
        var released = new List<Guid>();
        foreach (var jobId in due)
        {
            var queued = await db.ChangeJobs.Where(j => j.Id == jobId && j.State == JobState.Scheduled)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.State, JobState.Queued), ct);
            if (queued == 1) released.Add(jobId);
        }
        var next = await waiting.OrderBy(s => s.TakesEffectAt).Select(s => (DateTime?)s.TakesEffectAt).FirstOrDefaultAsync(ct);
        return (released, next);
    }
}
