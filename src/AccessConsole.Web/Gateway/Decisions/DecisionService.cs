using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>
/// Answers a batch of gateway questions from the snapshot when it is fresh, otherwise from the database; the
/// evaluation is the console's own effective-access function either way.
/// </summary>
public sealed class DecisionService(IDbContextFactory<AccessConsoleDbContext> contexts, AccessSnapshot snapshot, GatewaySettings settings, TimeProvider clock)
{
    public async Task<DecisionAnswers> DecideAsync(IReadOnlyList<DecisionItem> items, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hashes = items.Select(i => i.KeyHash!.ToLowerInvariant()).Distinct().ToList();

        if (!snapshot.IsLoaded || now - snapshot.RefreshedAt > settings.SnapshotMaxAge)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var fresh = await DatabaseLayerSource.LoadAsync(db, hashes, now, cancellationToken);
            return new DecisionAnswers(items.Select(i => DecisionEvaluator.Decide(fresh, i, now)).ToList(), fresh.Version, "database");
        }

        var version = snapshot.Version;
        var missing = hashes.Where(h => snapshot.Key(h) is null).ToList();
        if (missing.Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            foreach (var (hash, key) in await LayerQueries.KeysAsync(db, missing, cancellationToken)) snapshot.RememberKey(hash, key);
        }
        if (snapshot.RulesNeedProfiles)
        {
            // An organization first met here, created after the rule perhaps, is covered by it like any other.
            var unknown = hashes.Select(h => snapshot.Key(h)?.OrganizationId).OfType<Guid>().Distinct().Where(o => snapshot.Profile(o) is null).ToList();
            if (unknown.Count > 0)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                foreach (var (id, profile) in await LayerQueries.ProfilesAsync(db, unknown, cancellationToken)) snapshot.RememberProfile(id, profile);
            }
        }
        return new DecisionAnswers(items.Select(i => DecisionEvaluator.Decide(snapshot, i, now)).ToList(), version, "snapshot");
    }
}
