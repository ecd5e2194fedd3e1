using System.Text.RegularExpressions;
using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
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
/// The bulk changes list, a job with its subjects, the reason codes and the lookup's answer read whole at 1280 and
/// 1024 px: no header or state cut, no table wider than the page. And "/" reaches the customer search from any page.
/// </summary>
public sealed class BulkWidthTests(SharedBrowserApp shared) : IClassFixture<SharedBrowserApp>
{
    [Fact]
    public async Task The_bulk_changes_list_and_a_job_with_its_subjects_are_readable_at_each_width()
    {
        var app = await shared.GetAsync();
        var jobId = await JobWithSubjectsAsync(app);
        var alex = await app.SignInAsync("Alex Manager", Roles.AccountManager);

        await alex.GotoAsync("/bulk");
        await BrowserApp.WaitForCircuitAsync(alex);
        await Expect(alex.Grid("Bulk changes").DataRows().First).ToBeVisibleAsync();
        await AssertReadableAsync(alex, "bulk changes");

        await alex.GotoAsync($"/bulk/{jobId}");
        await BrowserApp.WaitForCircuitAsync(alex);
        await Expect(alex.Grid("Subjects of the bulk change").DataRows()).ToHaveCountAsync(25);
        await Expect(alex.Grid("Subjects of the bulk change")).ToContainTextAsync("Not changed");
        await AssertReadableAsync(alex, "a bulk change");
    }

    [Fact]
    public async Task The_reason_codes_are_readable_at_each_width()
    {
        var app = await shared.GetAsync();
        var ada = await app.SignInAsync("Ada Admin", Roles.Admin);

        await ada.GotoAsync("/admin/reason-codes");
        await BrowserApp.WaitForCircuitAsync(ada);
        await Expect(ada.Grid("Reason codes").DataRows().First).ToBeVisibleAsync();
        await AssertReadableAsync(ada, "reason codes");
    }

    [Fact]
    public async Task The_lookup_with_its_answer_is_readable_at_each_width()
    {
        var app = await shared.GetAsync();
        var sam = await app.SignInAsync("Sam Support", Roles.Support);

        await sam.SearchCustomersAsync(DemoKeys.Secret("kestrel-prod"));
        await Expect(sam.GetByRole(AriaRole.Region, new() { Name = "Answer: kestrel-prod" })).ToContainTextAsync("SEC-2291");
        await AssertReadableAsync(sam, "lookup");
    }

    [Fact]
    public async Task Slash_on_the_organizations_page_focuses_the_customer_search_and_Enter_finds_the_customer()
    {
        var app = await shared.GetAsync();
        var sam = await app.SignInAsync("Sam Support", Roles.Support);
        await sam.GotoAsync("/organizations");
        await BrowserApp.WaitForCircuitAsync(sam);
        await sam.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();

        await sam.Keyboard.PressAsync("/");

        var search = sam.GetByLabel("Find a customer");
        await Expect(search).ToBeFocusedAsync();
        await sam.Keyboard.TypeAsync("Kestrel");
        await sam.Keyboard.PressAsync("Enter");

        await Expect(sam).ToHaveURLAsync(new Regex("/$"));
        await Expect(sam.LookupResults().GetByRole(AriaRole.Link, new() { Name = DemoCatalog.StoppedKeyOrganization })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_undo_dialog_opens_on_its_first_field_closes_on_Escape_and_gives_focus_back()
    {
        var app = await shared.GetAsync();
        var jobId = await JobWithSubjectsAsync(app);
        var alex = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await alex.GotoAsync($"/bulk/{jobId}");
        await BrowserApp.WaitForCircuitAsync(alex);
        await Expect(alex).ToHaveTitleAsync(new Regex(" · Bulk change · AccessConsole$"));
        var undo = alex.GetByRole(AriaRole.Button, new() { Name = "Undo this bulk change" });

        await undo.ClickAsync();

        var dialog = alex.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Reason", new() { Exact = true })).ToBeFocusedAsync();
        await alex.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(undo).ToBeFocusedAsync();
    }

    private static async Task AssertReadableAsync(IPage page, string what)
    {
        foreach (var width in WidthAudit.Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.WaitForTimeoutAsync(300);
            var problems = await WidthAudit.ProblemsAsync(page);
            Assert.True(problems.Count == 0, $"{what} at {width} px: {string.Join("; ", problems)}");
        }
    }

    /// <summary>A finished bulk change of 40 subjects, some left alone, as the runner leaves one.</summary>
    private static async Task<Guid> JobWithSubjectsAsync(BrowserApp app)
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        var organizations = await db.Organizations.OrderBy(o => o.Name).Take(40).Select(o => new { o.Id, o.Name }).ToListAsync();
        var sequence = await db.AuditEvents.MaxAsync(e => e.Sequence);
        var job = new ChangeJob
        {
            Id = Guid.NewGuid(), Origin = JobOrigin.Bulk, Summary = "Restrict 40 organizations to the smaller model families while the capacity plan is renegotiated",
            Change = ChangeKind.Revoke, ReasonCode = "other", Justification = "Forty subjects, to read at each width.", State = JobState.Completed,
            RequestedById = "test:alex", RequestedByName = "Alex Manager", RequestedByRoles = Roles.AccountManager, CreatedAt = DateTime.UtcNow,
            Total = organizations.Count, Changed = organizations.Count - 14, NotChanged = 14, FinishedAt = DateTime.UtcNow,
        };
        db.ChangeJobs.Add(job);
        db.ChangeJobItems.AddRange(organizations.Select((o, i) => new ChangeJobItem
        {
            JobId = job.Id, Position = i, SubjectKind = SubjectKind.Organization, SubjectId = o.Id, SubjectName = o.Name, OrganizationId = o.Id,
            OrganizationName = o.Name, Outcome = i % 3 == 0 ? ItemOutcome.NotChanged : ItemOutcome.Changed,
            Message = i % 3 == 0 ? "Someone changed this organization after the bulk change was decided; it was left as it is." : null,
            AuditSequence = i % 3 == 0 ? null : sequence, ProcessedAt = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
        return job.Id;
    }
}
