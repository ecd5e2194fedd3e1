using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>
/// Loads the snapshot, then applies every access change from the audit log in sequence order: at once when this
/// instance commits one, and every poll interval for the changes of other instances.
/// </summary>
public sealed class SnapshotRefresher(
    IDbContextFactory<AccessConsoleDbContext> contexts, AccessSnapshot snapshot, AccessChangeSignal signal,
    GatewaySettings settings, TimeProvider clock, ILogger<SnapshotRefresher> logger) : BackgroundService
{
    private const int Batch = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!snapshot.IsLoaded) await LoadAsync(stoppingToken);
                while (await ApplyNewChangesAsync(stoppingToken) == Batch) { }
                snapshot.Touch(clock.GetUtcNow().UtcDateTime);
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Decisions fall back to the database while the snapshot cannot refresh.
                logger.LogError(e, "Refreshing the access snapshot failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sequence = await LayerQueries.HeadSequenceAsync(db, ct);
        var read = await LayerQueries.LayersAsync(db, LayerSelection.NotPlainlyActive, ct);
        snapshot.SetRules(await LayerQueries.RulesAsync(db, ct));
        snapshot.Load(read.Layers, read.Uses, await LayerQueries.CatalogAsync(db, ct), sequence, clock.GetUtcNow().UtcDateTime);
        logger.LogInformation("Access snapshot loaded at audit sequence {Sequence} ({Count} subjects not plain Active)", sequence, read.Layers.Count);
    }

    /// <summary>Applies the next batch of events after the snapshot's sequence; answers how many were read.</summary>
    public async Task<int> ApplyNewChangesAsync(CancellationToken ct)
    {
        var after = snapshot.AppliedSequence;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(Batch)
            .Select(e => new { e.Sequence, e.Action, e.SubjectKind, e.SubjectId, e.SubjectName, e.AccessAfter, e.ReasonCode, e.ActorName, e.OccurredAt })
            .ToListAsync(ct);
        foreach (var e in events)
        {
            if (e.AccessAfter is null || !Enum.TryParse<SubjectKind>(e.SubjectKind, out var kind) || !Guid.TryParse(e.SubjectId, out var id))
            {
                snapshot.Advance(e.Sequence);
                continue;
            }
            if (kind == SubjectKind.PlatformRule)
            {
                // Rules are few: read them all again rather than rebuild one from its event.
                snapshot.SetRules(await LayerQueries.RulesAsync(db, ct));
                snapshot.Advance(e.Sequence);
                continue;
            }
            if (kind == SubjectKind.OrganizationIntegration && !snapshot.KnowsUse(id))
            {
                var use = await db.OrganizationIntegrations.AsNoTracking().SingleAsync(u => u.Id == id, ct);
                snapshot.RememberUse(id, use.OrganizationId, use.IntegrationId);
            }
            var layer = new AccessLayer(kind, e.SubjectId!, e.SubjectName ?? e.SubjectId!, AccessJson.Deserialize(e.AccessAfter),
                new AccessProvenance(e.ReasonCode, e.ActorName, e.OccurredAt, e.Sequence));
            snapshot.Apply(kind, id, layer, e.Sequence);
        }
        return events.Count;
    }
}
