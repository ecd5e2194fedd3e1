using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Bulk.Pages;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Bulk.Pages;

/// <summary>Undoing a finished bulk change from its page: a reason and justification make a new undo job; without them nothing is made.</summary>
public sealed class UndoBulkDialogTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private static readonly string[] Names = ["Ledgerline Resale", DemoCatalog.StoppedKeyOrganization, DemoCatalog.HarnessUser];

    private Guid bulk;
    private string title = "";
    private IRenderedComponent<UiComponents.WithDialogs> page = null!;

    protected override async Task StartedAsync()
    {
        bulk = await FinishedBulkChangeAsync();
        title = $"Undo: {(await JobAsync(bulk)).Summary}";
        page = App.RenderWithDialogs<BulkJobPage>(p => p.Add(j => j.Id, bulk));
        page.WaitForAssertion(() => page.Button("Undo this bulk change"));
        page.Button("Undo this bulk change").Click();
        page.WaitForAssertion(() => Assert.Equal([title], page.DialogTitles()));
    }

    [Fact]
    public async Task A_reason_and_justification_make_an_undo_job_of_the_changed_subjects_and_open_it()
    {
        page.PickOption("Reason", "Customer request");
        page.Labelled("Justification").Type("Customers moved to the Scale tier.");
        page.Labelled("Ticket").Type("CS-77");

        await PressUndoAsync();

        var undo = Assert.Single(await UndoJobsAsync());
        Assert.Equal((JobOrigin.Undo, ChangeKind.Restore, StandardReasonCodes.CustomerRequest, "Customers moved to the Scale tier.", "CS-77", 3, "Casey Manager"),
            (undo.Origin, undo.Change, undo.ReasonCode, undo.Justification, undo.TicketReference, undo.Total, undo.RequestedByName));
        page.WaitForAssertion(() => Assert.Empty(page.DialogTitles()));
        Assert.EndsWith($"/bulk/{undo.Id}", App.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Without_a_reason_and_with_a_short_justification_each_field_says_why_and_nothing_is_undone()
    {
        var events = await App.Demo.AuditCountAsync();
        page.Labelled("Justification").Type("Undo it.");

        await PressUndoAsync();

        page.WaitForAssertion(() => Assert.Equal([ChangeFields.Justification, ChangeFields.Reason], page.Messages().Keys.Order()));
        Assert.Contains("at least 10", page.MessageAt(ChangeFields.Justification));
        Assert.Equal([title], page.DialogTitles());
        Assert.Empty(await UndoJobsAsync());
        Assert.Equal(events, await App.Demo.AuditCountAsync());
    }

    [Fact]
    public async Task Cancel_closes_the_dialog_and_undoes_nothing()
    {
        page.PickOption("Reason", "Customer request");

        await page.Button("Cancel").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Empty(page.DialogTitles()));
        Assert.Empty(await UndoJobsAsync());
        Assert.All(await AccessAsync(), a => Assert.Equal(AccessValue.Restricted(new Restriction { RequestsPerMinute = 100 }), a));
    }

    /// <summary>
    /// Presses Undo. The button sits in the dialog's actions, outside its form, and names the form it submits; a browser
    /// follows that, bUnit does not, so the form the button names is submitted.
    /// </summary>
    private Task PressUndoAsync()
    {
        var button = page.Button("Undo");
        Assert.Equal("submit", button.GetAttribute("type"));
        return Assert.Single(page.FindAll("form"), f => f.Id == button.GetAttribute("form")).SubmitAsync();
    }

    /// <summary>A bulk change of three organizations, submitted and run to its end by the app.</summary>
    private async Task<Guid> FinishedBulkChangeAsync()
    {
        var service = App.Services.GetRequiredService<BulkChangeService>();
        var segment = new Segment { Organizations = Names };
        var preview = await service.PreviewAsync(segment, 0, 10);
        var terms = new AccessChangeRequest
        {
            Subject = default, Kind = ChangeKind.Restrict, ExpectedVersion = 0, ReasonCode = StandardReasonCodes.Capacity,
            Justification = "Capacity is short this week.", Restriction = new Restriction { RequestsPerMinute = 100 },
        };
        var submitted = await service.SubmitAsync(new BulkSubmission(segment, terms, preview.Impact!.Subjects, AskForApproval: false));
        var id = submitted.JobId!.Value;
        await App.Demo.Factory.Services.GetRequiredService<ChangeJobRunner>().RunAsync(id);
        for (var waited = 0; (await JobAsync(id)).State != JobState.Completed; waited++)
        {
            Assert.True(waited < 300, "The bulk change did not finish.");
            await Task.Delay(100);
        }
        return id;
    }

    private async Task<ChangeJob> JobAsync(Guid id)
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        return await db.ChangeJobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }

    private async Task<List<ChangeJob>> UndoJobsAsync()
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        return await db.ChangeJobs.AsNoTracking().Where(j => j.UndoesJobId == bulk).ToListAsync();
    }

    private async Task<List<AccessValue>> AccessAsync()
    {
        var access = new List<AccessValue>();
        foreach (var name in Names) access.Add((await App.Demo.ReadAsync(await App.Demo.OrganizationAsync(name))).Access);
        return access;
    }
}
