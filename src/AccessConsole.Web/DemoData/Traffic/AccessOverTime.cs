using AccessConsole.Web.Access;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.DemoData.Traffic;

/// <summary>Whether a key could be used at some moment of a day, and the loosest caps it had while it could.</summary>
internal readonly record struct DayAccess(bool Allowed, int? RequestsPerMinute, int? TokensPerMinute)
{
    public static DayAccess Open { get; } = new(true, null, null);

    public static DayAccess Closed { get; } = new(false, null, null);
}

/// <summary>
/// The access of organizations and keys over time, read back from the audit events the history left, and judged by
/// <see cref="EffectiveAccess"/> as a call would be, so that generated usage never falls while a key is denied (revoked,
/// expired, not yet created, or of a purpose or credential kind its restrictions exclude). Usage has no client or model,
/// so restrictions on those, and the access of integrations, do not reduce it.
/// </summary>
internal sealed class AccessOverTime
{
    private static readonly string[] Subjects = [nameof(SubjectKind.Organization), nameof(SubjectKind.ApiKey)];

    private readonly Dictionary<Guid, List<(DateTime At, AccessValue Access)>> changes;

    private AccessOverTime(Dictionary<Guid, List<(DateTime, AccessValue)>> changes) => this.changes = changes;

    public static AccessOverTime Unchanged { get; } = new([]);

    /// <summary>The access changes after <paramref name="afterSequence"/> (the synthetic benchmark events change no subject).</summary>
    public static async Task<AccessOverTime> ReadAsync(AccessConsoleDbContext db, long afterSequence, CancellationToken ct)
    {
        var rows = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Sequence > afterSequence && e.AccessAfter != null && Subjects.Contains(e.SubjectKind))
            .OrderBy(e => e.Sequence).Select(e => new { e.SubjectId, e.OccurredAt, e.AccessAfter }).ToListAsync(ct);
        var changes = new Dictionary<Guid, List<(DateTime, AccessValue)>>();
        foreach (var row in rows)
        {
            var id = Guid.Parse(row.SubjectId!);
            if (!changes.TryGetValue(id, out var list)) changes[id] = list = [];
            list.Add((row.OccurredAt, AccessJson.Deserialize(row.AccessAfter!)));
        }
        return new AccessOverTime(changes);
    }

    public DayAccess ForDay(ApiKey key, DateTime day)
    {
        var end = day.AddDays(1);
        var start = key.CreatedAt > day ? key.CreatedAt : day;
        if (start >= end) return DayAccess.Closed;
        var keyChanges = ChangesOf(key.Id);
        var organizationChanges = ChangesOf(key.OrganizationId);
        if (keyChanges.Count == 0 && organizationChanges.Count == 0 && key.ExpiresAt is null) return DayAccess.Open;

        var moments = keyChanges.Concat(organizationChanges).Select(c => c.At).Where(at => at > start && at < end).Prepend(start);
        var allowed = false;
        int? requests = 0, tokens = 0;
        foreach (var moment in moments)
        {
            var decision = Decide(key, moment);
            if (!decision.Allowed) continue;
            allowed = true;
            requests = Looser(requests, decision.Restriction.RequestsPerMinute);
            tokens = Looser(tokens, decision.Restriction.TokensPerMinute);
        }
        return allowed ? new DayAccess(true, requests, tokens) : DayAccess.Closed;
    }

    /// <summary>The last moment at or before <paramref name="time"/> when the key could be used; null when it never could.</summary>
    public DateTime? LastUsableAtOrBefore(ApiKey key, DateTime time)
    {
        if (Usable(key, time)) return time;
        var turns = ChangesOf(key.Id).Concat(ChangesOf(key.OrganizationId)).Select(c => c.At)
            .Append(key.ExpiresAt ?? DateTime.MinValue).Where(at => at <= time && at > key.CreatedAt).OrderDescending();
        foreach (var turn in turns)
        {
            var justBefore = turn.AddSeconds(-1);
            if (Usable(key, justBefore)) return justBefore;
        }
        return null;
    }

    private bool Usable(ApiKey key, DateTime time) => time >= key.CreatedAt && Decide(key, time).Allowed;

    private AccessDecision Decide(ApiKey key, DateTime moment)
    {
        var organization = new AccessLayer(SubjectKind.Organization, key.OrganizationId.ToString("D"), "", AccessAt(key.OrganizationId, moment), AccessProvenance.None);
        var keyLayer = new AccessLayer(SubjectKind.ApiKey, key.Id.ToString("D"), key.Name, AccessAt(key.Id, moment), AccessProvenance.None);
        return EffectiveAccess.Evaluate(new AccessRequest(organization, new KeyFacts(keyLayer, key.Purpose, key.CredentialKind, key.ExpiresAt),
            null, null, null, null, moment));
    }

    private AccessValue AccessAt(Guid subject, DateTime moment)
    {
        var access = AccessValue.Active;
        foreach (var (at, value) in ChangesOf(subject))
        {
            if (at > moment) break;
            access = value;
        }
        return access;
    }

    private List<(DateTime At, AccessValue Access)> ChangesOf(Guid subject) => changes.TryGetValue(subject, out var list) ? list : [];

    private static int? Looser(int? sofar, int? cap) => sofar is null || cap is null ? null : Math.Max(sofar.Value, cap.Value);
}
