using AccessConsole.Web.Access;
using AccessConsole.Web.Data;
using AccessConsole.Web.Rules;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Gateway.ChangeFeed;

/// <summary>One access change; a platform rule's also carries the scope of the calls it covers (its state is its effect on them).</summary>
public sealed record AccessChangeItem(long Sequence, string SubjectKind, string SubjectId, Guid? OrganizationId, string State,
    Restriction? Restriction, DateTime? Until, string? ReasonCode, DateTime OccurredAt, RuleScope? Scope = null);

/// <summary>The changes after a sequence, in order, and the sequence to ask after next time.</summary>
public sealed record AccessChangePage(IReadOnlyList<AccessChangeItem> Items, long Next);

/// <summary>
/// <c>GET /api/v1/changes?after={sequence}&amp;wait={seconds}</c>: access changes in audit order, resumable from any
/// sequence; when there is nothing new it waits up to <c>wait</c> seconds for a change (long poll).
/// </summary>
public static class ChangeFeedEndpoint
{
    public static async Task<IResult> HandleAsync(HttpRequest request, IDbContextFactory<AccessConsoleDbContext> contexts,
        AccessChangeSignal signal, GatewaySettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var after = QueryNumber.Read(request.Query, "after", long.MaxValue, "Give one sequence, a whole number of 0 or more.", errors);
        var wait = QueryNumber.Read(request.Query, "wait", GatewaySettings.MaxWaitSeconds, $"Wait 0 to {GatewaySettings.MaxWaitSeconds} whole seconds.", errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The request has invalid fields.");

        var from = after ?? 0;
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(wait ?? 0);
        while (true)
        {
            var page = await ReadAsync(contexts, from, cancellationToken);
            if (page.Next > from || clock.GetUtcNow() >= deadline) return Results.Ok(page);
            var left = deadline - clock.GetUtcNow();
            await signal.WaitAsync(left < settings.PollInterval ? left : settings.PollInterval, cancellationToken);
        }
    }

    private static async Task<AccessChangePage> ReadAsync(IDbContextFactory<AccessConsoleDbContext> contexts, long after, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence)
            .Take(GatewaySettings.MaxChangesPerPage)
            .Select(e => new { e.Sequence, e.SubjectKind, e.SubjectId, e.OrganizationId, e.AccessAfter, e.ReasonCode, e.OccurredAt, e.Details })
            .ToListAsync(ct);
        var items = events.Where(e => e.AccessAfter != null).Select(e =>
        {
            var access = AccessJson.Deserialize(e.AccessAfter!);
            return new AccessChangeItem(e.Sequence, e.SubjectKind!, e.SubjectId!, e.OrganizationId, access.State.ToString(),
                access.Restriction, access.Until, e.ReasonCode, e.OccurredAt,
                e.SubjectKind == nameof(Access.SubjectKind.PlatformRule) ? RuleChangeDetails.FromJson(e.Details)?.After.Scope : null);
        }).ToList();
        return new AccessChangePage(items, events.Count > 0 ? events[^1].Sequence : after);
    }
}
