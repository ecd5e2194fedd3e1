using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Gateway.Credentials;
using AccessConsole.Web.Layout;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Gateway.Credentials;

/// <summary>The gateways' credentials page: an admin creates one and sees its secret once, revokes one; no one else gets in.</summary>
public sealed class ServiceCredentialsPageTests() : ConsoleComponentTests("Ada Admin", Roles.Admin)
{
    [Fact]
    public async Task A_new_credential_shows_its_secret_once_and_only_its_hash_is_kept()
    {
        var page = App.Render<ServiceCredentialsPage>();

        page.Labelled("Gateway name").Type("eu-west gateway");
        await page.Button("Create credential").ClickAsync(new MouseEventArgs());

        var secret = page.Named("New secret").Shown();
        Assert.StartsWith(ServiceCredentialService.SecretMarker, secret);
        var stored = Assert.Single(await CredentialsAsync());
        Assert.Equal(("eu-west gateway", ServiceCredentialService.Hash(secret), secret[..12], "Ada Admin"),
            (stored.Name, stored.SecretHash, stored.DisplayPrefix, stored.CreatedBy));
        var row = Assert.Single(page.RowTexts("Service credentials"));
        Assert.StartsWith($"eu-west gateway {secret[..12]} ", row);
        Assert.DoesNotContain(secret, row);
        Assert.Equal("", page.Labelled("Gateway name").GetAttribute("value") ?? "");
        var audited = (await App.Demo.AllEventsAsync())[^1];
        Assert.Equal(("service-credential.create", stored.Id.ToString("D"), "Ada Admin"), (audited.Action, audited.SubjectId, audited.ActorName));
        Assert.DoesNotContain(secret, audited.Details);

        var later = App.Render<ServiceCredentialsPage>();
        Assert.False(later.HasNamed("New secret"));
        Assert.DoesNotContain(secret, later.Markup);
    }

    [Fact]
    public async Task A_name_too_short_is_refused_and_nothing_is_created()
    {
        var events = await App.Demo.AuditCountAsync();
        var page = App.Render<ServiceCredentialsPage>();

        page.Labelled("Gateway name").Type("eu");
        await page.Button("Create credential").ClickAsync(new MouseEventArgs());

        Assert.Equal("Name the gateway in 3 to 100 characters.", Assert.Single(page.FindAll("[role=alert]")).Shown());
        Assert.False(page.HasNamed("New secret"));
        Assert.Empty(await CredentialsAsync());
        Assert.Equal(events, await App.Demo.AuditCountAsync());
    }

    [Fact]
    public async Task Revoking_a_credential_marks_it_revoked_by_the_admin_and_audits_it()
    {
        var credentials = App.Services.GetRequiredService<ServiceCredentialService>();
        var (kept, _) = await credentials.CreateAsync("ap-south gateway");
        var (revoked, _) = await credentials.CreateAsync("us-east gateway");
        var page = App.Render<ServiceCredentialsPage>();

        await page.Button("Revoke us-east gateway").ClickAsync(new MouseEventArgs());

        var stored = (await CredentialsAsync()).ToDictionary(c => c.Id);
        Assert.Equal((true, "Ada Admin"), (stored[revoked!.Id].RevokedAt is not null, stored[revoked.Id].RevokedBy));
        Assert.Null(stored[kept!.Id].RevokedAt);
        Assert.EndsWith($"Revoked {stored[revoked.Id].RevokedAt:yyyy-MM-dd HH:mm} by Ada Admin", page.RowTexts("Service credentials")[^1]);
        Assert.Equal(["Revoke ap-south gateway"], page.ButtonNames().Where(n => n.StartsWith("Revoke ")));
        var audited = (await App.Demo.AllEventsAsync())[^1];
        Assert.Equal(("service-credential.revoke", revoked.Id.ToString("D")), (audited.Action, audited.SubjectId));
    }

    [Fact]
    public async Task An_account_manager_is_told_the_page_needs_the_Admin_role_and_sees_no_credentials()
    {
        await using var manager = await ConsoleComponents.StartAsync("Casey Manager", Roles.AccountManager);
        var admin = new ServiceCredentialService(manager.Demo.Contexts, new TestActor("Ada Admin", Roles.Admin), TimeProvider.System,
            manager.Demo.Factory.Services.GetRequiredService<ServiceCredentialCache>());
        await admin.CreateAsync("eu-west gateway");
        manager.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/service-credentials");

        var routes = manager.Render<Routes>();

        routes.WaitForAssertion(() => Assert.NotEmpty(routes.FindAll("[role=alert]")));
        Assert.StartsWith($"No access. This page needs the role {Roles.Admin}. You hold {Roles.AccountManager}.", Assert.Single(routes.FindAll("[role=alert]")).Shown());
        Assert.DoesNotContain("Create credential", routes.ButtonNames());
        Assert.DoesNotContain("eu-west gateway", routes.Markup);
        await Assert.ThrowsAsync<ForbiddenException>(() => manager.Services.GetRequiredService<ServiceCredentialService>().CreateAsync("sneaky gateway"));
        Assert.Equal(["eu-west gateway"], (await admin.ListAsync()).Select(c => c.Name));
    }

    private async Task<List<ServiceCredential>> CredentialsAsync()
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        return await db.ServiceCredentials.AsNoTracking().OrderBy(c => c.Name).ToListAsync();
    }
}
