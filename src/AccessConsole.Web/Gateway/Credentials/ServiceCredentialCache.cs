using System.Collections.Concurrent;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Gateway.Credentials;

/// <summary>
/// Recognises a presented secret by its hash. Answers are cached briefly so that the decision API does not read
/// the database per call; a revocation on another instance takes effect within <see cref="Lifetime"/>.
/// Last use is written at most once a minute per credential. Only live credentials are kept (anyone can present any
/// number of unknown secrets), so the cache holds at most one entry per credential issued.
/// </summary>
public sealed class ServiceCredentialCache(IDbContextFactory<AccessConsoleDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    private sealed record Entry(Guid CredentialId, string Name, DateTime CheckedAt, DateTime? LastUseWritten);

    private readonly ConcurrentDictionary<string, Entry> entries = new();

    /// <summary>The credential's id and name, or null when unknown or revoked.</summary>
    public async Task<(Guid Id, string Name)?> FindAsync(string secretHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!entries.TryGetValue(secretHash, out var entry) || now - entry.CheckedAt > Lifetime)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var credential = await db.ServiceCredentials.AsNoTracking()
                .Where(c => c.SecretHash == secretHash && c.RevokedAt == null)
                .Select(c => new { c.Id, c.Name })
                .SingleOrDefaultAsync(cancellationToken);
            if (credential is null)
            {
                entries.TryRemove(secretHash, out _);
                return null;
            }
            // Calls that missed together keep the last use any of them recorded, so that only one writes it.
            var fresh = new Entry(credential.Id, credential.Name, now, entry?.LastUseWritten);
            entry = entries.AddOrUpdate(secretHash, fresh, (_, current) => fresh with { LastUseWritten = current.LastUseWritten ?? fresh.LastUseWritten });
        }
        var id = entry.CredentialId;

        // Only the call that swaps in the new time writes it: concurrent writes of one row queue on SQLite's lock.
        if ((entry.LastUseWritten is null || now - entry.LastUseWritten > LastUseResolution)
            && entries.TryUpdate(secretHash, entry with { LastUseWritten = now }, entry))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var credential = await db.ServiceCredentials.SingleAsync(c => c.Id == id, cancellationToken);
            credential.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return (id, entry.Name);
    }

    /// <summary>True when the secret belonged to a live credential at its last check (no database read).</summary>
    public bool Recognises(string secretHash) => entries.ContainsKey(secretHash);

    public void Forget(string secretHash) => entries.TryRemove(secretHash, out _);
}
