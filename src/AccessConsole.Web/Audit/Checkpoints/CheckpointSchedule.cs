using Microsoft.Extensions.Options;

namespace AccessConsole.Web.Audit.Checkpoints;

/// <summary>
/// Signs a checkpoint every <see cref="CheckpointOptions.Interval"/> when the log has grown since the last one. With
/// several instances each may sign one; they are serialized by the chain-head lock and all of them verify.
/// </summary>
public sealed class CheckpointSchedule(CheckpointService checkpoints, IOptions<CheckpointOptions> options, TimeProvider clock, ILogger<CheckpointSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        if (interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await checkpoints.CreateAsync(CheckpointService.Scheduled, onlyIfGrown: true, stoppingToken) is { } created)
                {
                    logger.LogInformation("Signed audit checkpoint {Number} at event {Sequence}", created.Number, created.HeadSequence);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The scheduled audit checkpoint could not be signed; the next one is tried in {Interval}", interval);
            }
        }
    }
}
