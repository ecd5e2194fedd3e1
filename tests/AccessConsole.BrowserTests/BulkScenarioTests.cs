using System.Text.RegularExpressions;
using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AccessConsole.BrowserTests;

/// <summary>
/// Scenario 2 of the design in the browser: every competitor's use of Glide IDE, previewed, requested, approved by a
/// second account manager in a browser of their own, then run with live progress. Its four subjects are under the
/// default threshold of 25, so this app asks for approval above 3, as a team that wants four eyes on it would configure.
/// </summary>
public sealed class BulkScenarioTests : IAsyncLifetime
{
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() =>
        app = await BrowserApp.StartAsync(services => services.AddSingleton(new ApprovalSettings { BulkSubjectsOver = 3 }));

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Scenario_2_every_competitor_blocked_through_Glide_IDE_after_preview_request_and_a_second_managers_approval()
    {
        var alex = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await alex.GotoAsync("/bulk/new");
        await BrowserApp.WaitForCircuitAsync(alex);

        await alex.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(alex.Locator("[data-field=Segment]")).ToContainTextAsync("Choose at least one criterion");

        await alex.GetByLabel("Each organization's use of one integration").CheckAsync();
        await alex.PickOptionAsync("Integration whose use to change", DemoCatalog.BlockedIde);
        await alex.PickOptionAsync("Tag", "competitor");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var preview = alex.GetByRole(AriaRole.Region, new() { Name = "Preview" });
        await Expect(preview.GetByRole(AriaRole.Status)).ToContainTextAsync("4 subjects");
        await Expect(alex.Grid("Subjects in the segment").DataRows()).ToHaveCountAsync(4);
        await Expect(alex.Grid("Subjects in the segment")).ToContainTextAsync($"{DemoCatalog.IdeRival} through {DemoCatalog.BlockedIde}");

        await alex.GetByLabel("Reason", new() { Exact = true }).PickOptionAsync("Terms — competing product");
        await alex.GetByLabel("Justification", new() { Exact = true }).FillAsync("Competitors reach the models through Glide IDE to build rival products.");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Revoke 4 subjects" }).ClickAsync();

        await alex.ExpectSubmittedToAsync(new Regex("/bulk/[0-9a-f-]{36}$"));
        var jobId = Guid.Parse(alex.Url.Split('/')[^1]);
        await Expect(alex.Locator(".job-state").First).ToHaveTextAsync("Waiting for approval");
        await Expect(alex.GetByText("a bulk change of 4 subjects (more than 3)").First).ToBeVisibleAsync();

        var blair = await app.SignInAsync("Blair Manager", Roles.AccountManager);
        await blair.GotoAsync("/approvals");
        await BrowserApp.WaitForCircuitAsync(blair);
        await blair.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Review Revoke 4 subjects") }).ClickAsync();
        var dialog = blair.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Comment").FillAsync("Legal confirmed the competing-product clause for all four.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync("Approved: the change of 4 subjects runs now.");

        // Alex's page was left open: it follows the job as it runs.
        await Expect(alex.GetByRole(AriaRole.Status).Filter(new() { HasText = "of 4 done" })).ToHaveTextAsync("4 of 4 done: 4 changed", new() { Timeout = 30_000 });
        await Expect(alex.Locator(".job-state").First).ToHaveTextAsync("Completed");
        await Expect(alex.Grid("Subjects of the bulk change").DataRows()).ToHaveCountAsync(4);
        await Expect(alex.Grid("Subjects of the bulk change")).Not.ToContainTextAsync("Pending");
        await Expect(alex.GetByText(jobId.ToString())).ToBeVisibleAsync();
        await Expect(alex.GetByText("approved by Blair Manager", new() { Exact = false })).ToBeVisibleAsync();

        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        var events = await db.AuditEvents.Where(e => e.CorrelationId == jobId).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([JobEvents.ApprovalRequested, JobEvents.Approved, "access.revoke", "access.revoke", "access.revoke", "access.revoke"], events.Select(e => e.Action));
        Assert.All(events.Skip(1), e => Assert.Equal("Blair Manager", e.ApproverName));
        Assert.All(events.Skip(2), e => Assert.Equal(("Alex Manager", "OrganizationIntegration"), (e.ActorName, e.SubjectKind)));
    }

    [Fact]
    public async Task Revoking_an_Enterprise_organization_in_the_dialog_is_sent_for_approval_and_changes_nothing()
    {
        var alex = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await using (var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync())
        {
            await alex.GotoAsync($"/organizations/{await db.Organizations.Where(o => o.Name == DemoCatalog.RivalLab).Select(o => o.Id).SingleAsync()}");
        }
        await BrowserApp.WaitForCircuitAsync(alex);

        await alex.GetByRole(AriaRole.Button, new() { Name = $"Revoke {DemoCatalog.RivalLab}" }).ClickAsync();
        var dialog = alex.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Reason").PickOptionAsync("Terms — competing product");
        await dialog.GetByLabel("Justification").FillAsync("Built and benchmarked a competing model through the API.");
        await dialog.GetByLabel("Type the organization's name to confirm").FillAsync(DemoCatalog.RivalLab);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(dialog).ToContainTextAsync("Sent for approval");
        await Expect(dialog).ToContainTextAsync("revoking an Enterprise organization (Northwind AI Labs)");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(alex.Locator("header .state-badge").First).ToHaveTextAsync("Active");
    }
}
