using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Access.Changes;

/// <summary>
/// Lifts every change whose <c>until</c> has passed, restoring the access before it, as the actor <c>system</c>.
/// Each lift names the version it read, so with several app instances on one database exactly one lifts it.
/// </summary>
public sealed class TimedLifts(IDbContextFactory<AccessConsoleDbContext> contexts, AccessChangeService changes, TimeProvider clock)
{
    private const int Batch = 200;

    public async Task<int> LiftDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lifted = 0;
        foreach (var due in await DueAsync(now, cancellationToken))
        {
            var result = await changes.ApplyAsync(new AccessChangeRequest
            {
                Subject = due.Subject,
                Kind = ChangeKind.Restore,
                ExpectedVersion = due.Version,
                ReasonCode = due.ReasonCode,
                Justification = $"Lifted automatically: the change's time limit ({due.Until:yyyy-MM-dd HH:mm} UTC) passed.",
            }, Actor.System, null, cancellationToken, isTimedLift: true);
            if (result.Succeeded) lifted++;
        }
        return lifted;
    }

    private sealed record Due(SubjectRef Subject, int Version, string? ReasonCode, DateTime Until);

    private async Task<List<Due>> DueAsync(DateTime now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var due = new List<Due>();
        due.AddRange(await db.Organizations.Where(s => s.AccessUntil <= now).Take(Batch)
            .Select(s => new Due(new SubjectRef(SubjectKind.Organization, s.Id), s.AccessVersion, s.AccessReasonCode, s.AccessUntil!.Value)).ToListAsync(ct));
        due.AddRange(await db.ApiKeys.Where(s => s.AccessUntil <= now).Take(Batch)
            .Select(s => new Due(new SubjectRef(SubjectKind.ApiKey, s.Id), s.AccessVersion, s.AccessReasonCode, s.AccessUntil!.Value)).ToListAsync(ct));
        due.AddRange(await db.Integrations.Where(s => s.AccessUntil <= now).Take(Batch)
            .Select(s => new Due(new SubjectRef(SubjectKind.Integration, s.Id), s.AccessVersion, s.AccessReasonCode, s.AccessUntil!.Value)).ToListAsync(ct));
        due.AddRange(await db.OrganizationIntegrations.Where(s => s.AccessUntil <= now).Take(Batch)
            .Select(s => new Due(new SubjectRef(SubjectKind.OrganizationIntegration, s.Id), s.AccessVersion, s.AccessReasonCode, s.AccessUntil!.Value)).ToListAsync(ct));
        return due;
    }
}

/// <summary>Runs <see cref="TimedLifts"/> on a fixed interval for as long as the app runs.</summary>
public sealed class TimedLiftWorker(TimedLifts lifts, TimeProvider clock, TimedLiftSettings settings, ILogger<TimedLiftWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Interval, clock);
        do
        {
            try
            {
                var lifted = await lifts.LiftDueAsync(stoppingToken);
                if (lifted > 0) logger.LogInformation("Lifted {Count} timed access changes", lifted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Lifting timed access changes failed; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>The <c>TimedLifts</c> configuration section.</summary>
public sealed class TimedLiftSettings
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);
    public bool Enabled { get; set; } = true;
}
