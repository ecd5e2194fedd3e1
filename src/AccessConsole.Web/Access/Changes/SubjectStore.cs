using AccessConsole.Web.Data;
using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Access.Changes;

/// <summary>A subject loaded for a change, with the names the audit event and messages need.</summary>
public sealed record LoadedSubject(AccessSubject Entity, SubjectRef Ref, string Name, Guid? OrganizationId, string? OrganizationName, Tier? OrganizationTier);

/// <summary>Loads any of the four kinds of subject by reference, tracked, for a change.</summary>
public static class SubjectStore
{
    public static async Task<LoadedSubject?> LoadAsync(AccessConsoleDbContext db, SubjectRef subject, CancellationToken ct)
    {
        switch (subject.Kind)
        {
            case SubjectKind.Organization:
                var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == subject.Id, ct);
                return organization is null ? null
                    : new(organization, subject, organization.Name, organization.Id, organization.Name, organization.Tier);

            case SubjectKind.ApiKey:
                var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == subject.Id, ct);
                if (key is null) return null;
                var owner = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == key.OrganizationId, ct);
                return new(key, subject, $"{key.Name} ({key.Masked})", owner.Id, owner.Name, owner.Tier);

            case SubjectKind.Integration:
                var integration = await db.Integrations.SingleOrDefaultAsync(i => i.Id == subject.Id, ct);
                return integration is null ? null : new(integration, subject, integration.Name, null, null, null);

            case SubjectKind.OrganizationIntegration:
                var use = await db.OrganizationIntegrations.SingleOrDefaultAsync(oi => oi.Id == subject.Id, ct);
                if (use is null) return null;
                var user = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == use.OrganizationId, ct);
                var usedIntegration = await db.Integrations.AsNoTracking().SingleAsync(i => i.Id == use.IntegrationId, ct);
                return new(use, subject, SubjectNames.Through(user.Name, usedIntegration.Name), user.Id, user.Name, user.Tier);

            default:
                return null;
        }
    }
}
