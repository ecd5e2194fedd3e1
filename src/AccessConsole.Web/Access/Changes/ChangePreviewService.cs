using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Access.Changes;

/// <summary>Reads a subject's current access and the impact of changing it, for the change dialog.</summary>
public sealed class ChangePreviewService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock)
{
    public const int ImpactDays = 30;

    public async Task<ChangePreview?> PreviewAsync(SubjectRef subject, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var loaded = await SubjectStore.LoadAsync(db, subject, cancellationToken);
        if (loaded is null) return null;

        var entity = loaded.Entity;
        var undo = await AccessChangeService.UndoLastChangeAsync(db, entity, cancellationToken);
        var impact = await ImpactAsync(db, subject, clock.GetUtcNow().UtcDateTime.Date.AddDays(-ImpactDays), cancellationToken);
        return new ChangePreview(subject, loaded.Name, loaded.OrganizationName, entity.Access, entity.AccessVersion, entity.Provenance,
            impact, undo.After, undo.Error is null && entity.AccessUndoSequence is not null);
    }

    private static async Task<ChangeImpact> ImpactAsync(AccessConsoleDbContext db, SubjectRef subject, DateTime since, CancellationToken ct)
    {
        switch (subject.Kind)
        {
            case SubjectKind.Organization:
                return new ChangeImpact(
                    await db.ApiKeys.CountAsync(k => k.OrganizationId == subject.Id, ct),
                    await db.OrganizationIntegrations.CountAsync(oi => oi.OrganizationId == subject.Id, ct),
                    1,
                    await db.DailyUsage.Where(u => u.OrganizationId == subject.Id && u.Day >= since).SumAsync(u => u.Requests, ct));
            case SubjectKind.ApiKey:
                return new ChangeImpact(1, 0, 1,
                    await db.DailyUsage.Where(u => u.ApiKeyId == subject.Id && u.Day >= since).SumAsync(u => u.Requests, ct));
            case SubjectKind.Integration:
                var users = db.OrganizationIntegrations.Where(oi => oi.IntegrationId == subject.Id);
                return new ChangeImpact(
                    await db.ApiKeys.CountAsync(k => users.Any(oi => oi.OrganizationId == k.OrganizationId), ct),
                    1,
                    await users.CountAsync(ct),
                    await users.SumAsync(oi => oi.RecentRequests, ct));
            default:
                var use = await db.OrganizationIntegrations.AsNoTracking().SingleAsync(oi => oi.Id == subject.Id, ct);
                return new ChangeImpact(await db.ApiKeys.CountAsync(k => k.OrganizationId == use.OrganizationId, ct), 1, 1, use.RecentRequests);
        }
    }
}
