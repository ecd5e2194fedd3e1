using System.Text.Json;
using AccessConsole.Tests.Access.Changes;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Notices;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Notices;

/// <summary>The change dialog's Send notice to the customer: the rendered notice shown, editable, and sent as edited.</summary>
public sealed class CustomerNoticeFieldsTests() : ConsoleComponentTests("Priya Raman", Roles.AccountManager)
{
    [Fact]
    public async Task Ticking_it_shows_the_rendered_notice_which_is_sent_as_edited()
    {
        var slipstream = await App.Demo.OrganizationAsync(DemoCatalog.AcquiredVendor);
        var dialog = ChangeDialog.Open(App, slipstream, ChangeKind.Restrict).Because("Capacity");
        dialog.Field("Requests per minute cap").Type("600");
        dialog.Field("Policy clause").Type("§4.2 Capacity");
        Assert.DoesNotContain("Notice text", dialog.Text);

        dialog.View.CheckBox("Send notice to the customer").Tick();

        dialog.View.WaitForAssertion(() => Assert.Contains("To: api-notices@slipstream.example", dialog.Text));
        Assert.Equal("Change to your API access: Slipstream Tools", dialog.Field("Notice subject").GetAttribute("value"));
        var rendered = dialog.Field("Notice text").TextContent;
        Assert.Contains("What changes: Restricted: 600 requests/min", rendered);
        Assert.Contains("Takes effect: immediately", rendered);
        Assert.Contains("Policy: §4.2 Capacity", rendered);
        Assert.Contains("please contact Priya Raman", rendered);

        dialog.Field("Notice text").Type(rendered + "\nWe are sorry for the short notice.");
        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.True(dialog.Outcome.IsCompleted));
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        var message = await db.NoticeOutbox.AsNoTracking().SingleAsync();
        Assert.EndsWith("We are sorry for the short notice.", message.Body);
        var change = (await App.Demo.EventsAboutAsync(slipstream))[^1];
        Assert.Equal(message.BodySha256, JsonDocument.Parse(change.Details!).RootElement.GetProperty("notice").GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_change_that_needs_approval_keeps_its_notice_with_the_request_and_the_dialog_says_it_goes_out_only_once_approved()
    {
        var lab = await App.Demo.OrganizationAsync(DemoCatalog.RivalLab);
        var dialog = ChangeDialog.Open(App, lab, ChangeKind.Revoke).Because("Terms — competing product");
        dialog.Field($"Type the organization's name to confirm: {DemoCatalog.RivalLab}").Type(DemoCatalog.RivalLab);
        dialog.View.CheckBox("Send notice to the customer").Tick();
        dialog.View.WaitForAssertion(() => Assert.Contains("To: api-notices@northwind-ai.example", dialog.Text));
        dialog.Field("Notice text").Type("Dear Northwind AI Labs,\nyour access to our API ends.");

        await dialog.ConfirmAsync();

        dialog.View.WaitForAssertion(() => Assert.Contains("Sent for approval", dialog.View.Shown()));
        Assert.Contains("The notice to the customer is kept with the request and sent only if it is approved: with the change. Rejected or expired, nothing is sent.",
            dialog.View.Shown());
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        Assert.Empty(await db.NoticeOutbox.AsNoTracking().ToListAsync());
        var job = await db.ChangeJobs.AsNoTracking().SingleAsync(j => j.State == AccessConsole.Web.Bulk.Jobs.JobState.AwaitingApproval && j.RequestedByName == "Priya Raman");
        Assert.Equal(("Change to your API access: Northwind AI Labs", "Dear Northwind AI Labs,\nyour access to our API ends."), (job.NoticeSubject, job.NoticeBody));
    }

    [Fact]
    public async Task For_a_change_to_every_customer_of_an_integration_it_says_why_no_notice_can_be_sent()
    {
        var integration = new SubjectRef(AccessConsole.Web.Access.SubjectKind.Integration, await App.Demo.IntegrationIdAsync("OpenHarness"));
        var dialog = ChangeDialog.Open(App, integration, ChangeKind.Revoke).Because();

        dialog.View.CheckBox("Send notice to the customer").Tick();

        dialog.View.WaitForAssertion(() => Assert.Equal(
            "A change to an integration for every customer reaches many organizations: send their notices from a bulk change.", dialog.View.MessageAt(NoticeOutbox.Field)));
        Assert.DoesNotContain("Notice text", dialog.Text);
    }
}
