using System.Collections.Concurrent;
using AccessConsole.Web.Access;

namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>The facts of a key that never change (its access lives in the layers).</summary>
public sealed record KeyEntry(Guid Id, Guid OrganizationId, string Name, KeyPurpose Purpose, CredentialKind CredentialKind, DateTime? ExpiresAt);

/// <summary>A catalog integration as decisions need it.</summary>
public sealed record IntegrationEntry(Guid Id, string Name, bool IsFirstParty, IReadOnlyList<string> ClientIdentifiers);

/// <summary>
/// What decisions are computed from, in memory: every subject whose access is not plain Active (anything not
/// listed is Active), the integration catalog, and keys' unchanging facts by hash (every key in a
/// <see cref="KeyIndex"/>, and those added since it was read as decisions meet them). Kept current from the audit
/// log by <see cref="SnapshotRefresher"/>; <see cref="AppliedSequence"/> is the last event applied.
/// </summary>
public sealed class AccessSnapshot : ILayerSource
{
    private const int MaxCachedKeys = 500_000;

    private readonly ConcurrentDictionary<(SubjectKind, Guid), AccessLayer> layers = new();
    private readonly ConcurrentDictionary<(Guid OrganizationId, Guid IntegrationId), AccessLayer> useLayers = new();
    private readonly ConcurrentDictionary<Guid, (Guid OrganizationId, Guid IntegrationId)> uses = new();
    private readonly ConcurrentDictionary<string, KeyEntry> keys = new(StringComparer.Ordinal);
    private volatile KeyIndex? keyIndex;
    private volatile IReadOnlyDictionary<string, IntegrationEntry> integrationsByClient = new Dictionary<string, IntegrationEntry>();
    private volatile IReadOnlyList<RuleLayer> rules = [];
    private readonly ConcurrentDictionary<Guid, OrganizationProfile> profiles = new();
    private long appliedSequence = -1;
    private long refreshedAtTicks;

    public bool IsLoaded => Interlocked.Read(ref appliedSequence) >= 0;

    public long AppliedSequence => Interlocked.Read(ref appliedSequence);

    /// <summary>When the snapshot last confirmed it had every change (even if there was none).</summary>
    public DateTime RefreshedAt => new(Interlocked.Read(ref refreshedAtTicks), DateTimeKind.Utc);

    public void Load(IEnumerable<(SubjectKind Kind, Guid Id, AccessLayer Layer)> nonActive,
        IEnumerable<(Guid UseId, Guid OrganizationId, Guid IntegrationId)> useIds, IEnumerable<IntegrationEntry> catalog, long sequence, DateTime now)
    {
        layers.Clear();
        useLayers.Clear();
        foreach (var (useId, organizationId, integrationId) in useIds) uses[useId] = (organizationId, integrationId);
        foreach (var (kind, id, layer) in nonActive) Set(kind, id, layer);
        SetCatalog(catalog);
        Interlocked.Exchange(ref appliedSequence, sequence);
        Touch(now);
    }

    public IReadOnlyList<RuleLayer> Rules => rules;

    /// <summary>Whether a rule in force is scoped by tier or tag, so that decisions need organizations' profiles.</summary>
    public bool RulesNeedProfiles => rules.Any(r => r.Scope.Tags is { Count: > 0 } || r.Scope.Tiers is { Count: > 0 });

    public void SetRules(IReadOnlyList<RuleLayer> inForce) => rules = inForce;

    public void RememberProfile(Guid organizationId, OrganizationProfile profile) => profiles[organizationId] = profile;

    public OrganizationProfile? Profile(Guid organizationId) => profiles.GetValueOrDefault(organizationId);

    public void SetCatalog(IEnumerable<IntegrationEntry> catalog) =>
        integrationsByClient = catalog.SelectMany(i => i.ClientIdentifiers.Select(c => (c, i)))
            .GroupBy(x => x.c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);

    /// <summary>Records a subject's new access; for an organization-integration its pair must be known (<see cref="RememberUse"/>).</summary>
    public void Apply(SubjectKind kind, Guid id, AccessLayer layer, long sequence)
    {
        Set(kind, id, layer);
        Advance(sequence);
    }

    private void Set(SubjectKind kind, Guid id, AccessLayer layer)
    {
        var active = layer.Access.State == AccessState.Active && layer.Access.Until is null;
        if (kind == SubjectKind.OrganizationIntegration)
        {
            if (!uses.TryGetValue(id, out var pair)) throw new InvalidOperationException($"Organization-integration {id} is not known to the snapshot.");
            if (active) useLayers.TryRemove(pair, out _);
            else useLayers[pair] = layer;
            return;
        }
        if (active) layers.TryRemove((kind, id), out _);
        else layers[(kind, id)] = layer;
    }

    public void Advance(long sequence) => Interlocked.Exchange(ref appliedSequence, Math.Max(sequence, AppliedSequence));

    public void Touch(DateTime now) => Interlocked.Exchange(ref refreshedAtTicks, now.Ticks);

    public void RememberUse(Guid useId, Guid organizationId, Guid integrationId) => uses[useId] = (organizationId, integrationId);

    public bool KnowsUse(Guid useId) => uses.ContainsKey(useId);

    /// <summary>Every key's facts, once <see cref="KeyIndexLoader"/> has read them; null until then.</summary>
    public KeyIndex? KeyIndex => keyIndex;

    /// <summary>How long reading the key index took, for the benchmark's report.</summary>
    public TimeSpan KeyIndexLoadTime { get; private set; }

    public void UseKeyIndex(KeyIndex index, TimeSpan loadTime)
    {
        KeyIndexLoadTime = loadTime;
        keyIndex = index;
    }

    public void RememberKey(string hash, KeyEntry key)
    {
        if (keys.Count >= MaxCachedKeys) keys.Clear();
        keys[hash] = key;
    }

    public IntegrationEntry? IntegrationForClient(string clientId) => integrationsByClient.GetValueOrDefault(clientId);

    /// <summary>The layer of a subject: its recorded non-Active access, or plain Active.</summary>
    public long Version => AppliedSequence;

    public KeyEntry? Key(string hash) => keyIndex?.Find(hash) ?? keys.GetValueOrDefault(hash);

    public AccessLayer Layer(SubjectKind kind, Guid id, string name) =>
        layers.TryGetValue((kind, id), out var layer) ? layer : AccessLayer.ActiveLayer(kind, id.ToString(), name);

    public AccessLayer UseLayer(Guid organizationId, Guid integrationId, string name) =>
        useLayers.TryGetValue((organizationId, integrationId), out var layer)
            ? layer
            : AccessLayer.ActiveLayer(SubjectKind.OrganizationIntegration, $"{organizationId}/{integrationId}", name);
}
