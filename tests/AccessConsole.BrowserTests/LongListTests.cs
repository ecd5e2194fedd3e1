using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AccessConsole.BrowserTests;

/// <summary>
/// A bulk change's explicit list is as long as the validator allows (1,000 entries, beyond SignalR's default 32 KB
/// message), typed or uploaded, and the preview holds exactly the organizations it names: never more.
/// </summary>
public sealed class LongListTests : IAsyncLifetime
{
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() => app = await BrowserApp.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_list_of_a_thousand_entries_previews_exactly_the_organizations_it_names()
    {
        // Every way an id may be written, and the name: six distinct entries for each of 167 organizations, 1,000 lines.
        var organizations = await OrganizationsAsync(167);
        var entries = organizations.SelectMany(o => new[] { o.Id.ToString("D"), o.Id.ToString("N"), o.Id.ToString("B"), o.Id.ToString("P"), o.Id.ToString("X"), o.Name })
            .Take(1000).ToList();
        var text = string.Join("\n", entries);
        Assert.Equal(1000, entries.Count);
        Assert.True(text.Length > 32 * 1024, $"the list has {text.Length} characters");
        var page = await NewBulkChangeAsync();

        await page.GetByLabel("Only these organizations (optional: one name or id per line)").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var preview = page.GetByRole(AriaRole.Region, new() { Name = "Preview" });
        await Expect(preview.GetByRole(AriaRole.Status)).ToContainTextAsync("167 subjects");
        await Expect(page.GetByLabel("Only these organizations (optional: one name or id per line)")).ToHaveValueAsync(text);
    }

    [Fact]
    public async Task An_uploaded_csv_fills_the_list_and_previews_exactly_its_organizations()
    {
        var organizations = await OrganizationsAsync(150);
        var csv = string.Join("\r\n", organizations.Select(o => $"{o.Id},\"{o.Name}, as named in the contract\""));
        var page = await NewBulkChangeAsync();

        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Upload the list" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload
        {
            Name = "organizations.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });

        await Expect(page.GetByLabel("Only these organizations (optional: one name or id per line)"))
            .ToHaveValueAsync(string.Join("\n", organizations.Select(o => o.Id.ToString())));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Preview" }).GetByRole(AriaRole.Status)).ToContainTextAsync("150 subjects");
    }

    private async Task<IPage> NewBulkChangeAsync()
    {
        var page = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await page.GotoAsync("/bulk/new");
        await BrowserApp.WaitForCircuitAsync(page);
        return page;
    }

    private async Task<List<(Guid Id, string Name)>> OrganizationsAsync(int count)
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        var rows = await db.Organizations.OrderBy(o => o.Name).Take(count).Select(o => new { o.Id, o.Name }).ToListAsync();
        return rows.Select(o => (o.Id, o.Name)).ToList();
    }
}
