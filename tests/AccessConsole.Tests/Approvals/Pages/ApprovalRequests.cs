using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Approvals.Pages;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Approvals.Pages;

/// <summary>Requests for approval as the app makes them (revoking an Enterprise organization), and the approvals page that lists them.</summary>
internal static class ApprovalRequests
{
    /// <summary>The revocation of an Enterprise organization, asked for by another account manager.</summary>
    public static Task<ApprovalRequest> RevokeAsync(ConsoleComponents app, string organization, string requester, DateTime? takesEffect = null,
        AccessConsole.Web.Notices.CustomerNotice? notice = null)
    {
        var services = app.Demo.Factory.Services;
        var gate = new ApprovalGate(app.Demo.Contexts, new TestActor(requester, Roles.AccountManager), TimeProvider.System,
            app.Demo.ChangesBy(requester), services.GetRequiredService<ApprovalRules>(), services.GetRequiredService<ApprovalNotifier>());
        return SubmitAsync(app, gate, organization, takesEffect, notice);
    }

    /// <summary>The same, asked for by the person signed in.</summary>
    public static Task<ApprovalRequest> RevokeAsMeAsync(ConsoleComponents app, string organization) =>
        SubmitAsync(app, app.Services.GetRequiredService<ApprovalGate>(), organization);

    public static IRenderedComponent<UiComponents.WithDialogs> OpenPage(ConsoleComponents app, int rows)
    {
        var page = app.RenderWithDialogs<ApprovalsPage>(_ => { });
        page.WaitForAssertion(() => Assert.Equal(rows, page.RowTexts("Pending requests").Count));
        return page;
    }

    public static async Task<ApprovalRequest> ReadAsync(ConsoleComponents app, Guid id)
    {
        await using var db = await app.Demo.Contexts.CreateDbContextAsync();
        return await db.ApprovalRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    /// <summary>The events of the change a request holds back, oldest first.</summary>
    public static async Task<List<AuditEvent>> EventsAsync(ConsoleComponents app, ApprovalRequest request)
    {
        await using var db = await app.Demo.Contexts.CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().Where(e => e.CorrelationId == request.JobId).OrderBy(e => e.Sequence).ToListAsync();
    }

    private static async Task<ApprovalRequest> SubmitAsync(ConsoleComponents app, ApprovalGate gate, string organization, DateTime? takesEffect = null,
        AccessConsole.Web.Notices.CustomerNotice? notice = null)
    {
        var subject = await app.Demo.OrganizationAsync(organization);
        var gated = await gate.SubmitAsync(ChangeRequests.Revoke(subject, await app.Demo.VersionAsync(subject)) with { Notice = notice }, takesEffect);
        Assert.True(gated.SentForApproval, string.Join("; ", gated.Result.Errors.Values));
        return gated.Request!;
    }
}
