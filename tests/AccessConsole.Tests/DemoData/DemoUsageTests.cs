using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.DemoData;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.DemoData;

/// <summary>The demo's usage respects access: no traffic on a day its key could not be used at all.</summary>
public sealed class DemoUsageTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;

    public async ValueTask InitializeAsync() => demo = await DemoDatabase.OpenAsync();

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task Kestrel_prod_was_last_used_before_it_was_revoked_and_has_no_usage_after()
    {
        var key = await demo.KeyAsync("kestrel-prod");
        var revocation = (await demo.EventsAboutAsync(key)).Single(e => e.Action == "access.revoke");
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var lastUsed = await db.ApiKeys.Where(k => k.Id == key.Id).Select(k => k.LastUsedAt).SingleAsync();
        var lastDay = await db.DailyUsage.Where(u => u.ApiKeyId == key.Id).MaxAsync(u => (DateTime?)u.Day);

        Assert.NotNull(lastUsed);
        Assert.True(lastUsed < revocation.OccurredAt, $"last used {lastUsed:O}, revoked {revocation.OccurredAt:O}");
        Assert.True(lastDay <= revocation.OccurredAt.Date, $"usage on {lastDay:yyyy-MM-dd} after the revocation");
    }

    [Fact]
    public async Task No_usage_falls_on_a_day_its_key_or_organization_was_revoked_throughout()
    {
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var changes = await db.AuditEvents.AsNoTracking().Where(e => e.AccessAfter != null && (e.SubjectKind == "ApiKey" || e.SubjectKind == "Organization"))
            .OrderBy(e => e.Sequence).Select(e => new { e.SubjectKind, e.SubjectId, e.OccurredAt, e.AccessAfter }).ToListAsync();
        var revoked = new List<(string Kind, Guid Subject, DateTime From, DateTime To)>();
        foreach (var subject in changes.GroupBy(c => (c.SubjectKind, c.SubjectId)))
        {
            var list = subject.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                if (AccessJson.Deserialize(list[i].AccessAfter!).State != AccessState.Revoked) continue;
                var to = i + 1 < list.Count ? list[i + 1].OccurredAt : DateTime.MaxValue;
                revoked.Add((subject.Key.SubjectKind!, Guid.Parse(subject.Key.SubjectId!), list[i].OccurredAt, to));
            }
        }
        Assert.True(revoked.Count >= 20, $"{revoked.Count} revoked periods");

        var usage = await db.DailyUsage.AsNoTracking().Select(u => new { u.ApiKeyId, u.OrganizationId, u.Day }).ToListAsync();
        var offending = usage.Where(u => revoked.Any(r => (r.Kind == "ApiKey" ? u.ApiKeyId : u.OrganizationId) == r.Subject
            && r.From <= u.Day && r.To >= u.Day.AddDays(1))).Take(5).ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public async Task No_key_is_used_before_it_was_created_or_after_it_expired()
    {
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var keys = await db.ApiKeys.AsNoTracking().Select(k => new { k.Id, k.CreatedAt, k.ExpiresAt, k.LastUsedAt }).ToDictionaryAsync(k => k.Id);
        var usage = await db.DailyUsage.AsNoTracking().Select(u => new { u.ApiKeyId, u.Day }).ToListAsync();

        Assert.DoesNotContain(usage, u => u.Day.AddDays(1) <= keys[u.ApiKeyId].CreatedAt || keys[u.ApiKeyId].ExpiresAt <= u.Day);
        Assert.DoesNotContain(keys.Values, k => k.LastUsedAt < k.CreatedAt || k.LastUsedAt > k.ExpiresAt);
        Assert.Contains(usage, u => keys[u.ApiKeyId].ExpiresAt is not null);
    }

    [Fact]
    public async Task A_revoked_key_was_last_used_before_its_revocation()
    {
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var revokedKeys = await db.ApiKeys.AsNoTracking().Where(k => k.AccessState == AccessState.Revoked)
            .Select(k => new { k.Name, k.LastUsedAt, k.AccessChangedAt }).ToListAsync();

        Assert.True(revokedKeys.Count >= 10, $"{revokedKeys.Count} revoked keys");
        Assert.All(revokedKeys, k => Assert.True(k.LastUsedAt is null || k.LastUsedAt < k.AccessChangedAt, k.Name));
    }
}
