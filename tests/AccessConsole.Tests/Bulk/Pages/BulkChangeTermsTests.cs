using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Bulk.Pages;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Bulk.Pages;

/// <summary>The terms of a new bulk change: the kind chosen decides the fields shown, and what is filled in is the job saved.</summary>
public sealed class BulkChangeTermsTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private static readonly string[] Names = ["Ledgerline Resale", DemoCatalog.StoppedKeyOrganization, DemoCatalog.HarnessUser];

    private IRenderedComponent<UiComponents.WithDialogs> page = null!;

    protected override async Task StartedAsync()
    {
        page = App.RenderWithDialogs<NewBulkChangePage>(_ => { });
        page.WaitForAssertion(() => Assert.Contains("competitor", page.OpenOptions("Tag")));
        page.Labelled("Only these organizations (optional: one name or id per line)").Type(string.Join("\n", Names));
        await page.Button("Preview").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.True(page.HasNamed("Change")));
    }

    [Fact]
    public async Task A_revoke_until_a_date_is_saved_with_its_reason_and_justification()
    {
        Assert.True(page.WrappedBy("Revoke").IsChecked());
        Because("Customer request");
        var until = DateTime.UtcNow.Date.AddDays(30).AddHours(9).AddMinutes(30);
        page.Labelled("Until (UTC, optional)").Type($"{until:yyyy-MM-ddTHH:mm}");

        await page.Button("Revoke 3 subjects").ClickAsync(new MouseEventArgs());

        var job = Assert.Single(await JobsAsync());
        Assert.Equal((ChangeKind.Revoke, StandardReasonCodes.CustomerRequest, Justification, "BULK-9", until, 3),
            (job.Change, job.ReasonCode, job.Justification, job.TicketReference, job.Until, job.Total));
    }

    [Fact]
    public async Task A_bulk_change_with_Takes_effect_is_scheduled_with_its_subjects_fixed_and_an_earlier_time_is_refused_there()
    {
        Because("Customer request");
        page.Labelled("Takes effect (UTC, empty for now)").Type($"{DateTime.UtcNow.AddHours(-2):yyyy-MM-ddTHH:mm}");
        await page.Button("Revoke 3 subjects").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.StartsWith("Choose a time after now", page.MessageAt(ChangeFields.TakesEffect)));
        Assert.Empty(await JobsAsync());

        var at = DateTime.UtcNow.Date.AddDays(7).AddHours(9);
        page.Labelled("Takes effect (UTC, empty for now)").Type($"{at:yyyy-MM-ddTHH:mm}");
        await page.Button("Revoke 3 subjects").ClickAsync(new MouseEventArgs());

        var job = Assert.Single(await JobsAsync());
        Assert.Equal((JobState.Scheduled, 3), (job.State, job.Total));
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        Assert.Equal(at, (await db.ScheduledChanges.SingleAsync(s => s.JobId == job.Id)).TakesEffectAt);
        Assert.Equal(Names.Order(), await db.ChangeJobItems.Where(i => i.JobId == job.Id).Select(i => i.SubjectName).OrderBy(n => n).ToListAsync());
    }

    [Fact]
    public async Task Choosing_Restrict_shows_the_restriction_editor_and_the_caps_typed_are_the_restriction_saved()
    {
        Assert.False(HasField("Requests per minute cap"));

        page.ChooseRadio("Restrict");
        page.Labelled("Requests per minute cap").Type("120");
        page.Labelled("sonnet").Tick();
        Because("Capacity");
        await page.Button("Restrict 3 subjects").ClickAsync(new MouseEventArgs());

        var job = Assert.Single(await JobsAsync());
        Assert.Equal((ChangeKind.Restrict, StandardReasonCodes.Capacity), (job.Change, job.ReasonCode));
        Assert.Equal(new Restriction { RequestsPerMinute = 120, ModelFamilies = ["sonnet"] }, job.Restriction);
    }

    [Fact]
    public async Task Choosing_Restore_offers_where_to_restore_to_and_no_end_date()
    {
        Assert.True(HasField("Until (UTC, optional)"));

        page.ChooseRadio("Restore");
        Assert.False(HasField("Until (UTC, optional)"));
        Assert.False(HasField("Requests per minute cap"));
        page.ChooseRadio("Full access (Active, no limits)");
        Because("Customer request");
        await page.Button("Restore 3 subjects").ClickAsync(new MouseEventArgs());

        var job = Assert.Single(await JobsAsync());
        Assert.Equal((ChangeKind.Restore, true, (DateTime?)null), (job.Change, job.RestoreFullAccess, job.Until));
    }

    [Fact]
    public async Task Terms_without_a_reason_or_justification_are_refused_at_their_fields_and_nothing_is_submitted()
    {
        var events = await App.Demo.AuditCountAsync();
        page.ChooseRadio("Restrict");

        await page.Button("Restrict 3 subjects").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains(ChangeFields.Reason, page.Messages().Keys));
        Assert.Contains(ChangeFields.Justification, page.Messages().Keys);
        Assert.Empty(await JobsAsync());
        Assert.Equal(events, await App.Demo.AuditCountAsync());
        Assert.All(Names, name => Assert.Contains(name, page.Named("Subjects in the segment").Shown()));
    }

    [Fact]
    public async Task Send_notice_to_the_customer_shows_the_reasons_wording_with_placeholders_and_the_job_keeps_it_as_edited()
    {
        Because("Customer request");
        Assert.False(HasField("Notice text"));

        page.CheckBox("Send notice to the customer").Tick();

        page.WaitForAssertion(() => Assert.Equal(AccessConsole.Web.Notices.NoticeText.DefaultSubject, page.Labelled("Notice subject").GetAttribute("value")));
        Assert.Contains("What changes: {change}", page.Labelled("Notice text").TextContent);
        page.Labelled("Notice text").Type("Dear {organization},\n{change} from {takes-effect}.");
        await page.Button("Revoke 3 subjects").ClickAsync(new MouseEventArgs());

        var job = Assert.Single(await JobsAsync());
        Assert.Equal((AccessConsole.Web.Notices.NoticeText.DefaultSubject, "Dear {organization},\n{change} from {takes-effect}."), (job.NoticeSubject, job.NoticeBody));
    }

    private const string Justification = "Agreed with the customers' account team.";

    private void Because(string reason)
    {
        page.PickOption("Reason", reason);
        page.Labelled("Justification").Type(Justification);
        page.Labelled("Ticket").Type("BULK-9");
    }

    private bool HasField(string label) => page.FindAll("label").Any(l => l.Shown() == label);

    private async Task<List<ChangeJob>> JobsAsync()
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        return await db.ChangeJobs.AsNoTracking().Where(j => j.RequestedByName == "Casey Manager").ToListAsync();
    }
}
