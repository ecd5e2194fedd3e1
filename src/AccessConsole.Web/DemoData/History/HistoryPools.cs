using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.DemoData.History;

internal sealed record PoolOrganization(Guid Id, string Name, Tier Tier)
{
    public Access.Changes.SubjectRef Subject => new(SubjectKind.Organization, Id);
}

internal sealed record PoolKey(Guid Id, Guid OrganizationId, string Name, KeyPurpose Purpose, CredentialKind Kind);

internal sealed record PoolUse(Guid Id, string Name);

/// <summary>
/// The subjects the generated history may touch, shuffled from the seed: generated customers only, never the
/// scenarios' cast or the integrations their stories go through, so that those stories read as the README tells them.
/// Each organization is handed out once, so that no two stories of the history cross on one customer.
/// </summary>
internal sealed class HistoryPools
{
    private static readonly string[] ScenarioIntegrations = [DemoCatalog.BlockedIde, DemoCatalog.Harness, "Slipstream Editor"];

    private readonly Queue<PoolOrganization> organizations;
    private readonly Queue<PoolOrganization> enterprises;
    private readonly Queue<PoolKey> keys;
    private readonly Queue<PoolUse> uses;

    private HistoryPools(Random random, List<PoolOrganization> all, List<PoolKey> keys, List<PoolUse> uses)
    {
        organizations = new(Shuffled(random, all.Where(o => o.Tier != Tier.Enterprise)));
        enterprises = new(Shuffled(random, all.Where(o => o.Tier == Tier.Enterprise)));
        this.keys = new(Shuffled(random, keys));
        this.uses = new(Shuffled(random, uses));
    }

    public static async Task<HistoryPools> LoadAsync(AccessConsoleDbContext db, Random random, CancellationToken ct)
    {
        var cast = DemoCatalog.ScenarioOrganizations.Concat(DemoCatalog.HeavyUsers).Select(o => o.Name).ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => !cast.Contains(o.Name)).OrderBy(o => o.Name)
            .Select(o => new PoolOrganization(o.Id, o.Name, o.Tier)).ToListAsync(ct);
        var ids = organizations.Select(o => o.Id).ToHashSet();
        var keys = (await db.ApiKeys.AsNoTracking().Where(k => k.Purpose == KeyPurpose.General && k.ExpiresAt == null).OrderBy(k => k.Name)
            .Select(k => new PoolKey(k.Id, k.OrganizationId, k.Name, k.Purpose, k.CredentialKind)).ToListAsync(ct))
            .Where(k => ids.Contains(k.OrganizationId)).ToList();
        var uses = (await db.OrganizationIntegrations.AsNoTracking()
            .Join(db.Integrations.Where(i => !i.IsFirstParty && !ScenarioIntegrations.Contains(i.Name)), u => u.IntegrationId, i => i.Id,
                (u, i) => new { u.Id, u.OrganizationId, i.Name })
            .ToListAsync(ct))
            .Where(u => ids.Contains(u.OrganizationId))
            .Select(u => new PoolUse(u.Id, u.Name)).OrderBy(u => u.Id).ToList();
        return new HistoryPools(random, organizations, keys, uses);
    }

    public List<PoolOrganization> Organizations(int count) => Take(organizations, count);

    public List<PoolOrganization> Enterprises(int count) => Take(enterprises, count);

    public List<PoolKey> Keys(int count) => Take(keys, count);

    public List<PoolUse> Uses(int count) => Take(uses, count);

    private static List<T> Take<T>(Queue<T> queue, int count)
    {
        var taken = new List<T>();
        while (taken.Count < count && queue.TryDequeue(out var item)) taken.Add(item);
        return taken;
    }

    private static List<T> Shuffled<T>(Random random, IEnumerable<T> items)
    {
        var list = items.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}
