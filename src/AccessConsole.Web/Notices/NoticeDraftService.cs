using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Notices;

/// <summary>A change's facts as the dialog holds them before confirming.</summary>
public sealed record NoticeChange(SubjectRef Subject, string? ReasonCode, AccessValue After, DateTime? TakesEffect, DateTime? Until, string? PolicyClause);

/// <summary>The notice a change would send, and to whom; or why none can be sent.</summary>
public sealed record NoticeDraft(RenderedNotice? Notice, IReadOnlyList<string> Recipients, string? Problem);

/// <summary>Renders the notice for a change from its reason's template, for the person to read and edit before confirming.</summary>
public sealed class NoticeDraftService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor)
{
    public async Task<NoticeDraft> DraftAsync(NoticeChange change, Func<Guid, string>? integrationName = null, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ChangeAccess);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subject = await SubjectStore.LoadAsync(db, change.Subject, cancellationToken);
        if (subject?.OrganizationId is not { } organizationId)
        {
            return new(null, [], "A change to an integration for every customer reaches many organizations: send their notices from a bulk change.");
        }
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId)
            .Select(o => new { o.Name, o.AccountManager }).SingleAsync(cancellationToken);
        var recipients = await db.NoticeContacts.AsNoTracking().Where(c => c.OrganizationId == organizationId)
            .OrderBy(c => c.Email).Select(c => c.Email).ToListAsync(cancellationToken);
        if (recipients.Count == 0) return new(null, [], "This organization has no notice contacts, so no notice can be sent.");

        var (templateSubject, templateBody) = await NoticeTemplateService.WordingAsync(db, change.ReasonCode, cancellationToken);
        var facts = new NoticeFacts(organization.Name, NoticeText.ChangeOf(change.After, integrationName), change.TakesEffect, change.Until,
            change.PolicyClause, organization.AccountManager.Length > 0 ? organization.AccountManager : "your account manager");
        return new(NoticeText.Render(templateSubject, templateBody, facts), recipients, null);
    }
}
