using AccessConsole.Web.Approvals;
using AccessConsole.Web.Data;
using AccessConsole.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Bulk.Jobs;

/// <summary>The <c>BulkJobs</c> configuration section.</summary>
public sealed class ChangeJobSettings
{
    public const string Section = "BulkJobs";

    /// <summary>Run jobs in the app (off only for tests that drive the runner themselves).</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often the worker looks for unfinished jobs and expired requests when nothing wakes it.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Wakes the worker the moment a job is queued on this instance.</summary>
public sealed class ChangeJobSignal : WakeSignal;

/// <summary>
/// Runs queued jobs, and from start-up resumes any job a crash or a stop interrupted; expires requests nobody
/// decided in time.
/// </summary>
public sealed class ChangeJobWorker(
    IDbContextFactory<AccessConsoleDbContext> contexts, ChangeJobRunner runner, ApprovalExpiry expiry, ChangeJobSignal signal,
    ChangeJobSettings settings, ILogger<ChangeJobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var expired = await expiry.ExpireDueAsync(stoppingToken);
                if (expired > 0) logger.LogInformation("Expired {Count} approval requests", expired);
                foreach (var jobId in await UnfinishedAsync(stoppingToken))
                {
                    if (await runner.RunAsync(jobId, stoppingToken)) logger.LogInformation("Change job {JobId} finished", jobId);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Running change jobs failed; unfinished jobs resume on the next round");
            }
            await signal.WaitAsync(settings.Interval, stoppingToken);
        }
    }

    private async Task<List<Guid>> UnfinishedAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ChangeJobs.Where(j => j.State == JobState.Queued || j.State == JobState.Running)
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).ToListAsync(ct);
    }
}
