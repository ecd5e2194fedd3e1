using System.Text.RegularExpressions;
using AccessConsole.BrowserTests.Infrastructure;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Security;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccessConsole.BrowserTests;

/// <summary>
/// The bulk and approval pages in each state a person meets them: axe-core finds no serious or critical violation,
/// and every visible label names a control.
/// </summary>
public sealed class BulkAccessibilityTests : IAsyncLifetime
{
    private readonly List<string> problems = [];
    private BrowserApp app = null!;

    public async ValueTask InitializeAsync() =>
        app = await BrowserApp.StartAsync(services => services.AddSingleton(new ApprovalSettings { BulkSubjectsOver = 3 }));

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Every_state_of_the_bulk_and_approval_pages_is_accessible()
    {
        var alex = await app.SignInAsync("Alex Manager", Roles.AccountManager);
        await alex.GotoAsync("/bulk/new");
        await BrowserApp.WaitForCircuitAsync(alex);
        await AuditAsync(alex, "new bulk change");

        await alex.PickOptionAsync("Tag", "competitor");
        await alex.GetByLabel("Only round-the-clock users").CheckAsync();
        await alex.GetByLabel("requests in at least").FillAsync("30");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await alex.Locator("[data-field=Usage]").WaitForAsync();
        await AuditAsync(alex, "segment with a field message");

        await alex.GetByLabel("Only round-the-clock users").UncheckAsync();
        await alex.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await alex.Grid("Subjects in the segment").DataRows().First.WaitForAsync();
        await alex.GetByLabel("Restrict", new() { Exact = true }).CheckAsync();
        await AuditAsync(alex, "preview with the restriction editor");

        await alex.GetByLabel("Revoke", new() { Exact = true }).CheckAsync();
        await alex.GetByLabel("Reason", new() { Exact = true }).PickOptionAsync("Terms — competing product");
        await alex.GetByLabel("Justification", new() { Exact = true }).FillAsync("Competitors use the API to build rival products.");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Revoke 4 subjects" }).ClickAsync();
        await alex.ExpectSubmittedToAsync(new Regex("/bulk/[0-9a-f-]{36}$"));
        await alex.Grid("Subjects of the bulk change").DataRows().First.WaitForAsync();
        await AuditAsync(alex, "job waiting for approval");

        var blair = await app.SignInAsync("Blair Manager", Roles.AccountManager);
        await blair.GotoAsync("/approvals");
        await BrowserApp.WaitForCircuitAsync(blair);
        var review = blair.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Review") });
        await review.WaitForAsync();
        await AuditAsync(blair, "approvals, pending");
        await review.ClickAsync();
        var dialog = blair.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Comment").WaitForAsync();
        await AuditAsync(blair, "approval dialog");
        await dialog.GetByLabel("Comment").FillAsync("Approved by legal.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Status).WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await blair.GetByRole(AriaRole.Tab, new() { Name = "Decided" }).ClickAsync();
        await blair.Grid("Decided requests").DataRows().First.WaitForAsync();
        await AuditAsync(blair, "approvals, decided");

        await alex.GetByText("4 of 4 done").WaitForAsync(new() { Timeout = 30_000 });
        await AuditAsync(alex, "job completed");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Undo this bulk change" }).ClickAsync();
        await alex.GetByRole(AriaRole.Dialog).GetByLabel("Justification").WaitForAsync();
        await AuditAsync(alex, "undo dialog");

        await alex.GotoAsync("/bulk");
        await BrowserApp.WaitForCircuitAsync(alex);
        await alex.Grid("Bulk changes").DataRows().First.WaitForAsync();
        await AuditAsync(alex, "bulk changes list");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task AuditAsync(IPage page, string state)
    {
        // A dialog fading in is translucent, and axe would measure the contrast of its text half-way.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)");
        var result = await page.RunAxe();
        problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{state}: {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        // From the label's side, by the name a control is found by: a list box drawn by the page names its combo box.
        var unnamed = await LabelAudit.LabelsNamingNoControlAsync(page);
        problems.AddRange(unnamed.Select(text => $"{state}: the label \"{text}\" names no control"));
        var unbounded = await TextLimitAudit.UnboundedTextBoxesAsync(page);
        problems.AddRange(unbounded.Select(box => $"{state}: the text box {box} types past what one circuit message carries"));
    }
}
