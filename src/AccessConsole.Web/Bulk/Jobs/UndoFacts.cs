using AccessConsole.Web.Access;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Bulk.Jobs;

/// <summary>The approval rules' facts about the subjects an undo would restore, as they are now.</summary>
public static class UndoFacts
{
    public static async Task<IReadOnlyCollection<SubjectFacts>> CurrentAsync(AccessConsoleDbContext db, IReadOnlyList<ChangeJobItem> items, CancellationToken ct)
    {
        var organizationIds = items.Where(i => i.SubjectKind == SubjectKind.Organization).Select(i => i.SubjectId).ToList();
        var useIds = items.Where(i => i.SubjectKind == SubjectKind.OrganizationIntegration).Select(i => i.SubjectId).ToList();
        var organizations = await db.Organizations.Where(o => organizationIds.Contains(o.Id))
            .Select(o => new SubjectFacts(SubjectKind.Organization, o.Name, o.Tier, o.AccessState, o.AccessReasonCode)).ToListAsync(ct);
        var uses = await db.OrganizationIntegrations.Where(oi => useIds.Contains(oi.Id))
            .Select(oi => new SubjectFacts(SubjectKind.OrganizationIntegration, "", null, oi.AccessState, oi.AccessReasonCode)).ToListAsync(ct);
        return [.. organizations, .. uses];
    }
}
