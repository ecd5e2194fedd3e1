using AccessConsole.Web.Access.Explanations;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Lookup;

/// <summary>The audit event of a change that decides a key's access: who, when, why, and the ticket it cited.</summary>
public sealed record ChangeCitation(
    long Sequence, string Action, string ActorName, DateTime OccurredAt, string? ReasonCode, string? ReasonLabel, string? TicketReference, string? PolicyClause);

/// <summary>Another key of the same organization that still works, and the clients it works through.</summary>
public sealed record WorkingKey(Guid KeyId, string Name, string Masked, IReadOnlyList<string> WorksThrough);

/// <summary>
/// Support's whole answer for one key: its effective access, the changes that decided it, and, when it is denied,
/// what still works for its organization.
/// </summary>
public sealed record KeyAnswer(KeyExplanation Explanation, IReadOnlyList<ChangeCitation> Changes, IReadOnlyList<WorkingKey> StillWorks);

/// <summary>The lookup's result: the matches, and the answer for each of the first keys among them.</summary>
public sealed record LookupResult(IReadOnlyList<LookupMatch> Matches, IReadOnlyList<KeyAnswer> Keys);

/// <summary>Searches as <see cref="LookupService"/> does and explains the keys found, as the lookup page shows them.</summary>
public sealed class LookupAnswers(LookupService lookup, AccessExplanationService explanations, IDbContextFactory<AccessConsoleDbContext> contexts)
{
    public const int MaxExplained = 5;

    public async Task<LookupResult> FindAsync(string? input, CancellationToken cancellationToken = default)
    {
        var matches = await lookup.SearchAsync(input, cancellationToken);
        var answers = new List<KeyAnswer>();
        var stillWorking = new Dictionary<Guid, OrganizationExplanation?>();
        foreach (var keyId in matches.Where(m => m.KeyId is not null).Select(m => m.KeyId!.Value).Distinct().Take(MaxExplained))
        {
            if (await explanations.ExplainKeyAsync(keyId, cancellationToken) is not { } key) continue;
            var others = key.Decision.Allowed ? [] : await StillWorksAsync(key, stillWorking, cancellationToken);
            answers.Add(new KeyAnswer(key, await CitationsAsync(key, cancellationToken), others));
        }
        return new LookupResult(matches, answers);
    }

    private async Task<IReadOnlyList<WorkingKey>> StillWorksAsync(KeyExplanation key, Dictionary<Guid, OrganizationExplanation?> known, CancellationToken ct)
    {
        if (!known.TryGetValue(key.OrganizationId, out var organization))
        {
            known[key.OrganizationId] = organization = await explanations.ExplainOrganizationAsync(key.OrganizationId, ct);
        }
        return organization?.Keys.Where(k => k.KeyId != key.KeyId && k.Decision.Allowed)
            .Select(k => new WorkingKey(k.KeyId, k.KeyName, k.Masked, k.WorksThrough.Select(c => c.IntegrationName).ToList())).ToList() ?? [];
    }

    /// <summary>The events that set the deciding layers: the layers' provenance names them, the events hold the ticket.</summary>
    private async Task<IReadOnlyList<ChangeCitation>> CitationsAsync(KeyExplanation key, CancellationToken ct)
    {
        var sequences = key.Decision.DecidedBy.Select(l => l.Layer.Provenance.AuditSequence).OfType<long>().Distinct().ToList();
        if (sequences.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var events = await db.AuditEvents.AsNoTracking().Where(e => sequences.Contains(e.Sequence))
            .Select(e => new { e.Sequence, e.Action, e.ActorName, e.OccurredAt, e.ReasonCode, e.TicketReference, e.PolicyClause })
            .ToListAsync(ct);
        var codes = events.Select(e => e.ReasonCode).OfType<string>().Distinct().ToList();
        var labels = await db.ReasonCodes.Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Label, ct);
        return events.OrderBy(e => e.Sequence).Select(e => new ChangeCitation(e.Sequence, e.Action, e.ActorName, e.OccurredAt, e.ReasonCode,
            e.ReasonCode is { } code ? labels.GetValueOrDefault(code) : null, e.TicketReference, e.PolicyClause)).ToList();
    }
}
