using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.DemoData.Traffic;

/// <summary>
/// Sets each key's last use to a moment it could be used: a key revoked, or one that expired, was last used some
/// minutes before that; a replacement key was last used recently, once it existed.
/// </summary>
internal static class LastUses
{
    public static async Task CorrectAsync(IDbContextFactory<AccessConsoleDbContext> contexts, IEnumerable<ApiKey> keys, IReadOnlySet<Guid> laterKeys,
        AccessOverTime access, DateTime now, int seed, CancellationToken ct)
    {
        var random = new Random(seed + 5);
        var corrections = new List<(Guid Id, DateTime? LastUsedAt)>();
        foreach (var key in keys)
        {
            var claimed = laterKeys.Contains(key.Id) ? now.AddMinutes(-random.Next(5, 600)) : key.LastUsedAt;
            if (claimed is not { } time) continue;
            var usable = access.LastUsableAtOrBefore(key, time);
            DateTime? corrected = usable == time ? time : usable?.AddMinutes(-random.Next(3, 90));
            if (corrected < key.CreatedAt) corrected = null;
            if (corrected != key.LastUsedAt) corrections.Add((key.Id, corrected));
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var (id, lastUsedAt) in corrections)
        {
            await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, lastUsedAt), ct);
        }
    }
}
