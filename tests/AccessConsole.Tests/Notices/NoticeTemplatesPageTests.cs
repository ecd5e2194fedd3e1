using System.Text.Json;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Notices;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using AccessConsole.Web.Shared;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Notices;

/// <summary>The Admin's page of notice templates: each reason with its wording, edited in place, bad wording refused at its field.</summary>
public sealed class NoticeTemplatesPageTests() : ConsoleComponentTests("Ada Admin", Roles.Admin)
{
    [Fact]
    public void Every_current_reason_is_listed_with_the_default_wording_until_edited()
    {
        var page = App.Render<NoticeTemplatesPage>();

        var rows = page.RowTexts("Notice templates");
        Assert.Equal(StandardReasonCodes.All.Count, rows.Count);
        Assert.Contains(rows, r => r.Contains("Capacity") && r.Contains(NoticeText.DefaultSubject) && r.Contains("Default"));
    }

    [Fact]
    public async Task An_admin_edits_a_reasons_wording_and_it_is_saved_and_listed_as_edited()
    {
        var page = App.Render<NoticeTemplatesPage>();

        await page.Button("Edit the notice for Capacity").ClickAsync(new MouseEventArgs());
        page.Labelled("Subject").Type("Capacity change for {organization}");
        page.Labelled("Body").Type("Dear {organization},\n{change} from {takes-effect}.\nAsk {contact}.");
        await page.Button("Save").ClickAsync(new MouseEventArgs());

        var saved = await TemplateAsync(StandardReasonCodes.Capacity);
        Assert.Equal(("Capacity change for {organization}", "Dear {organization},\n{change} from {takes-effect}.\nAsk {contact}.", "Ada Admin"),
            (saved!.Subject, saved.Body, saved.UpdatedBy));
        Assert.False(page.HasNamed("Notice for Capacity"));
        Assert.Contains(page.RowTexts("Notice templates"), r => r.Contains("Capacity change for {organization}") && r.Contains("Edited by Ada Admin"));
        var change = (await App.Demo.AllEventsAsync())[^1];
        Assert.Equal((NoticeTemplateService.ChangeAction, "NoticeTemplate", StandardReasonCodes.Capacity, "Capacity", "Ada Admin"),
            (change.Action, change.SubjectKind, change.SubjectId, change.SubjectName, change.ActorName));
        var details = JsonDocument.Parse(change.Details!).RootElement;
        Assert.Equal(JsonValueKind.Null, details.GetProperty("before").ValueKind);
        Assert.Equal(("Capacity change for {organization}", "Dear {organization},\n{change} from {takes-effect}.\nAsk {contact}."),
            (details.GetProperty("after").GetProperty("subject").GetString(), details.GetProperty("after").GetProperty("body").GetString()));
        Assert.Equal(EventLink.Address(change.Sequence), page.Link($"event #{change.Sequence:N0}").GetAttribute("href"));
    }

    [Fact]
    public async Task Each_edit_is_audited_with_the_wording_before_and_after_and_saving_the_same_wording_again_records_nothing()
    {
        var templates = Service("Ada Admin", Roles.Admin);
        Assert.Empty(await templates.SaveAsync(StandardReasonCodes.Capacity, "First {organization}", "Dear {organization}, first."));
        var first = await TemplateAsync(StandardReasonCodes.Capacity);
        var events = await App.Demo.AuditCountAsync();

        Assert.Empty(await templates.SaveAsync(StandardReasonCodes.Capacity, " First {organization} ", "Dear {organization}, first.\n"));
        Assert.Equal(events, await App.Demo.AuditCountAsync());
        Assert.Equal(first!.UpdatedAt, (await TemplateAsync(StandardReasonCodes.Capacity))!.UpdatedAt);

        Assert.Empty(await templates.SaveAsync(StandardReasonCodes.Capacity, "Second {organization}", "Dear {organization}, second."));
        var change = (await App.Demo.AllEventsAsync())[^1];
        Assert.Equal(events + 1, await App.Demo.AuditCountAsync());
        var details = JsonDocument.Parse(change.Details!).RootElement;
        Assert.Equal(("First {organization}", "Dear {organization}, first.", "Second {organization}", "Dear {organization}, second."),
            (details.GetProperty("before").GetProperty("subject").GetString(), details.GetProperty("before").GetProperty("body").GetString(),
             details.GetProperty("after").GetProperty("subject").GetString(), details.GetProperty("after").GetProperty("body").GetString()));
        Assert.Equal(change.Sequence, (await templates.ListAsync()).Single(r => r.ReasonCode == StandardReasonCodes.Capacity).LastChangeSequence);
    }

    [Fact]
    public async Task Saving_the_default_wording_unchanged_records_nothing_and_an_unknown_reason_is_refused_with_nothing_written()
    {
        var templates = Service("Ada Admin", Roles.Admin);
        var events = await App.Demo.AuditCountAsync();

        var unchanged = await templates.SaveAsync(StandardReasonCodes.Capacity, NoticeText.DefaultSubject, NoticeText.DefaultBody);
        var unknown = await templates.SaveAsync("no-such-reason", "Subject", "Body");

        Assert.Empty(unchanged);
        Assert.Equal(new Dictionary<string, string> { [NoticeTemplateFields.ReasonCode] = "This reason code does not exist or is retired." }, unknown);
        Assert.Equal(events, await App.Demo.AuditCountAsync());
        Assert.Null(await TemplateAsync(StandardReasonCodes.Capacity));
    }

    [Theory]
    [InlineData("Subject", "", "Write it: a notice cannot be sent without it.")]
    [InlineData("Subject", "Change for {Organisation}", "Unknown placeholder {Organisation}. Use {organization}, {change}, {takes-effect}, {until}, {policy-clause}, {contact}.")]
    [InlineData("Body", "Effective {deadline}", "Unknown placeholder {deadline}. Use {organization}, {change}, {takes-effect}, {until}, {policy-clause}, {contact}.")]
    [InlineData("Body", "Hello\u202Egnp.exe", "Remove the invisible or direction-changing character U+202E: it would make the text read otherwise than it is.")]
    public async Task Bad_wording_is_refused_at_its_field_and_nothing_is_saved(string field, string text, string message)
    {
        var page = App.Render<NoticeTemplatesPage>();
        var events = await App.Demo.AuditCountAsync();

        await page.Button("Edit the notice for Capacity").ClickAsync(new MouseEventArgs());
        page.Labelled(field).Type(text);
        await page.Button("Save").ClickAsync(new MouseEventArgs());

        Assert.Equal(new Dictionary<string, string> { [field] = message }, page.Messages());
        Assert.Null(await TemplateAsync(StandardReasonCodes.Capacity));
        Assert.Equal(events, await App.Demo.AuditCountAsync());
        Assert.True(page.HasNamed("Notice for Capacity"));
    }

    [Fact]
    public async Task Only_admins_may_write_a_template()
    {
        var service = Service("Sam Support", Roles.AccountManager);

        await Assert.ThrowsAsync<ForbiddenException>(() => service.SaveAsync(StandardReasonCodes.Capacity, "s", "b"));
        Assert.Null(await TemplateAsync(StandardReasonCodes.Capacity));
    }

    private NoticeTemplateService Service(string name, string role) => new(App.Demo.Contexts, new TestActor(name, [role]), App.Demo.Clock);

    private async Task<NoticeTemplate?> TemplateAsync(string code)
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        return await db.NoticeTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.ReasonCode == code);
    }
}
