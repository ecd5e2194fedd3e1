using Microsoft.Extensions.DependencyInjection;
using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Audit.Verification;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.Audit;

/// <summary>Only Legal and Admin read the audit log: the page, the export and the services all refuse the others.</summary>
public sealed class AuditAccessTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;

    public async ValueTask InitializeAsync() => factory = await ConsoleFactory.WithDemoDataAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Theory]
    [InlineData(Roles.Support)]
    [InlineData(Roles.AccountManager)]
    public async Task Other_roles_cannot_open_the_audit_page_nor_export(string role)
    {
        var client = await factory.SignedInClientAsync("Sam " + role, role);
        var before = (await factory.EventsAsync()).Count;

        var page = await client.GetAsync("/audit");
        var export = await client.PostAsync("/audit/export?format=jsonl", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith(AuthenticationSetup.NoAccessPath, page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.StartsWith(AuthenticationSetup.NoAccessPath, export.Headers.Location!.PathAndQuery);
        Assert.NotEqual("application/zip", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await factory.EventsAsync()).Count);
    }

    [Theory]
    [InlineData(Roles.Legal)]
    [InlineData(Roles.Admin)]
    public async Task Legal_and_admin_open_the_audit_page_and_export(string role)
    {
        var client = await factory.SignedInClientAsync("Lee " + role, role);

        var page = await client.GetAsync("/audit");
        var export = await ExportDownload.PostAsync(client, "format=csv");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("<h1>Audit log</h1>", html);
        Assert.Contains("Verify integrity", html);
        Assert.True(export.Manifest.Count > 0);
        Assert.Equal("Lee " + role, export.Manifest.ExportedBy);
    }

    [Fact]
    public async Task Anonymous_is_sent_to_sign_in_from_the_page_and_the_export()
    {
        var client = factory.AnonymousClient();

        var page = await client.GetAsync("/audit");
        var export = await client.PostAsync("/audit/export?format=csv", new FormUrlEncodedContent([]));

        foreach (var response in new[] { page, export })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith(AuthenticationSetup.DevSignInPath, response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task The_menu_shows_audit_to_legal_only()
    {
        var support = await (await factory.SignedInClientAsync("Sam", Roles.Support)).GetStringAsync("/organizations");
        var legal = await (await factory.SignedInClientAsync("Lee", Roles.Legal)).GetStringAsync("/organizations");

        Assert.DoesNotContain("href=\"/audit\"", support);
        Assert.Contains("href=\"/audit\"", legal);
    }

    [Fact]
    public async Task The_services_refuse_support_themselves()
    {
        var support = new TestActor("Sam", Roles.Support);
        var search = new AuditSearchService(factory.Contexts(), support);
        var verifier = new AuditVerifier(factory.Contexts(), support);
        var exports = factory.Services.GetRequiredService<AuditExportService>();

        await Assert.ThrowsAsync<ForbiddenException>(() => search.PageAsync(new AuditFilter(), AuditCursor.Newest));
        await Assert.ThrowsAsync<ForbiddenException>(() => search.ChoicesAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() => verifier.VerifyAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            exports.ExportZipAsync(support.Actor, new AuditFilter(), ExportFormat.Csv, "x.csv", Stream.Null, CancellationToken.None));
    }
}
