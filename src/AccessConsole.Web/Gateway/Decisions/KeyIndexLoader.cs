using System.Diagnostics;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>
/// Reads every key's facts into a <see cref="KeyIndex"/> once, beside the snapshot's own loading: until it is ready,
/// and for keys added after it was read, decisions look keys up in the database.
/// </summary>
public sealed class KeyIndexLoader(
    IDbContextFactory<AccessConsoleDbContext> contexts, AccessSnapshot snapshot, GatewaySettings settings, ILogger<KeyIndexLoader> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var watch = Stopwatch.StartNew();
                var index = await LoadAsync(contexts, settings.MaxKeysInMemory, stoppingToken);
                if (index is null)
                {
                    logger.LogWarning("More than {Max} keys (Gateway:MaxKeysInMemory): decisions read keys from the database", settings.MaxKeysInMemory);
                    return;
                }
                snapshot.UseKeyIndex(index, watch.Elapsed);
                logger.LogInformation("Key index loaded: {Count} keys in {Seconds:N1} s, {MiB:N1} MiB", index.Count, watch.Elapsed.TotalSeconds,
                    index.Bytes / 1048576.0);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Loading the key index failed; retrying (decisions read keys from the database meanwhile)");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    /// <summary>Every key's facts, or null when there are more than <paramref name="max"/> keys.</summary>
    public static async Task<KeyIndex?> LoadAsync(IDbContextFactory<AccessConsoleDbContext> contexts, int max, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var count = await db.ApiKeys.CountAsync(ct);
        if (count > max) return null;
        var builder = new KeyIndex.Builder(count);
        var keys = db.ApiKeys.AsNoTracking()
            .Select(k => new { k.SecretHash, k.Id, k.OrganizationId, k.Name, k.Purpose, k.CredentialKind, k.ExpiresAt })
            .AsAsyncEnumerable();
        await foreach (var k in keys.WithCancellation(ct)) builder.Add(k.SecretHash, k.Id, k.OrganizationId, k.Name, k.Purpose, k.CredentialKind, k.ExpiresAt);
        return builder.Build();
    }
}
