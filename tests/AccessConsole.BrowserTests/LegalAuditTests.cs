using System.IO.Compression;
using System.Text.RegularExpressions;
using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Tests.Audit;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

public sealed class LegalAuditTests : IAsyncLifetime
{
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() => app = await BrowserApp.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Legal_filters_by_an_organization_opens_an_event_exports_csv_and_verifies_the_log()
    {
        var meridianEvents = await CountAsync(e => e.OrganizationName == DemoCatalog.DisputedOrganization);
        var page = await app.SignInAsync("Lee Legal", Roles.Legal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/audit$"));
        await BrowserApp.WaitForCircuitAsync(page);

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Organization" }).FillAsync("Meridian");
        await page.GetByRole(AriaRole.Option, new() { Name = DemoCatalog.DisputedOrganization }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]organization="));
        var rows = page.Grid("Audit events").DataRows();
        await Assertions.Expect(rows).ToHaveCountAsync(meridianEvents);
        foreach (var row in await rows.AllAsync()) await Assertions.Expect(row).ToContainTextAsync(DemoCatalog.DisputedOrganization);
        await Assertions.Expect(page.GetByText($"{meridianEvents:N0} events match")).ToBeVisibleAsync();

        // The action reads as a word; its code is kept in the label's title.
        var revocation = rows.Filter(new() { Has = page.GetByTitle("access.revoke", new() { Exact = true }) }).First;
        await Assertions.Expect(revocation).ToContainTextAsync("Revoked");
        await revocation.GetByRole(AriaRole.Link, new() { NameRegex = new("^Open event \\d+$") }).ClickAsync();
        var comparison = page.GetByRole(AriaRole.Table, new() { Name = "Access before and after" });
        await Assertions.Expect(comparison).ToBeVisibleAsync();
        await Assertions.Expect(comparison.GetByRole(AriaRole.Row, new() { Name = "State (changed)" })).ToContainTextAsync("Restricted");
        await Assertions.Expect(comparison.GetByRole(AriaRole.Row, new() { Name = "State (changed)" })).ToContainTextAsync("Revoked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close event" }).ClickAsync();
        await Assertions.Expect(comparison).Not.ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await CsvInZipAsync(download);
        Assert.Equal(meridianEvents, csv.Count);
        Assert.All(csv, organization => Assert.Equal(DemoCatalog.DisputedOrganization, organization));

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify integrity" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status, new() { Name = "Integrity check result" })).ToContainTextAsync("Intact:");
        await Assertions.Expect(page.GetByRole(AriaRole.Status, new() { Name = "Integrity check result" })).ToContainTextAsync($"{await CountAsync(_ => true):N0} events, head hash");
    }

    [Fact]
    public async Task A_shared_search_url_opens_with_its_filters_applied()
    {
        var restrictions = await CountAsync(e => e.Action == "access.restrict");
        var page = await app.SignInAsync("Lee Legal", Roles.Legal);

        await page.GotoAsync("/audit?action=access.restrict");
        await BrowserApp.WaitForCircuitAsync(page);

        var rows = page.Grid("Audit events").DataRows();
        // The demo's history holds more restrictions than one page of 50: the page shows the newest 50 and the full count.
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(restrictions, 50));
        await Assertions.Expect(page.GetByText($"{restrictions:N0} events match")).ToBeVisibleAsync();
        foreach (var row in await rows.AllAsync())
        {
            await Assertions.Expect(row.GetByTitle("access.restrict", new() { Exact = true })).ToHaveTextAsync("Restricted");
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Action" })).ToHaveValueAsync("Restricted");
    }

    [Fact]
    public async Task Paging_moves_through_the_log_and_the_address_keeps_the_position()
    {
        await using (var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync())
        {
            var organization = await db.Organizations.OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).FirstAsync();
            await app.Factory.AppendSyntheticEventsAsync(120, [(organization.Id, organization.Name)]);
        }
        var page = await app.SignInAsync("Lee Legal", Roles.Legal);
        await page.GotoAsync("/audit");
        await BrowserApp.WaitForCircuitAsync(page);
        var firstSequence = page.Grid("Audit events").DataRows().First.GetByRole(AriaRole.Link, new() { NameRegex = new("^Open event \\d+$") });
        var newest = await firstSequence.InnerTextAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]before="));
        await Assertions.Expect(firstSequence).Not.ToHaveTextAsync(newest);
        var secondPage = await firstSequence.InnerTextAsync();
        Assert.Equal(long.Parse(newest) - 50, long.Parse(secondPage));

        await page.GotoAsync(page.Url);
        await BrowserApp.WaitForCircuitAsync(page);
        await Assertions.Expect(firstSequence).ToHaveTextAsync(secondPage);

        await page.GetByRole(AriaRole.Link, new() { Name = "Newer" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]after="));
        await Assertions.Expect(firstSequence).ToHaveTextAsync(newest);
    }

    [Fact]
    public async Task The_audit_page_and_its_event_drawer_pass_an_accessibility_scan()
    {
        var page = await app.SignInAsync("Lee Legal", Roles.Legal);
        await page.GotoAsync("/audit");
        await BrowserApp.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify integrity" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status, new() { Name = "Integrity check result" })).ToContainTextAsync("Intact:");

        var pageScan = await page.RunAxe(new AxeRunContext { Include = [new AxeSelector("main")] });
        Assert.Empty(await TextLimitAudit.UnboundedTextBoxesAsync(page));
        // The newest events of the demo's history are exports; the drawer is scanned on a change, with its comparison.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Action" }).PickOptionAsync("Restricted");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]action=access\\.restrict"));
        // The address changes before the grid has the new rows: wait until the first row is a restriction.
        var restriction = page.Grid("Audit events").DataRows().First;
        await Assertions.Expect(restriction.GetByTitle("access.restrict", new() { Exact = true })).ToBeVisibleAsync();
        await restriction.GetByRole(AriaRole.Link, new() { NameRegex = new("^Open event \\d+$") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Access before and after" })).ToBeVisibleAsync();
        // The side dialog's frame is the component library's; the event it shows is ours.
        var drawerScan = await page.RunAxe(new AxeRunContext { Include = [new AxeSelector("article[aria-label^='Audit event']")] });

        Assert.True(pageScan.Violations.Length == 0, Describe(pageScan));
        Assert.True(drawerScan.Violations.Length == 0, Describe(drawerScan));
    }

    private static string Describe(AxeResult scan) =>
        string.Join("\n", scan.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}"));

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<AuditEvent, bool>> predicate)
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(predicate);
    }

    private static async Task<List<string>> CsvInZipAsync(IDownload download)
    {
        Assert.EndsWith(".csv.zip", download.SuggestedFilename);
        var path = Path.Combine(AccessConsole.Tests.Infrastructure.TestDatabase.Folder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using var zip = ZipFile.OpenRead(path);
        var entry = zip.Entries.Single(e => e.Name.EndsWith(".csv", StringComparison.Ordinal));
        Assert.NotNull(zip.GetEntry("manifest.json"));
        using var bytes = new MemoryStream();
        await using (var data = entry.Open()) await data.CopyToAsync(bytes);
        using var reader = CsvReader.Create(bytes.ToArray());
        var organizations = new List<string>();
        while (reader.Read()) organizations.Add(reader.GetString("organizationName"));
        return organizations;
    }
}
