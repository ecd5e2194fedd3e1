using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Notices;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
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
    }

    [Theory]
    [InlineData("Subject", "", "Write it: a notice cannot be sent without it.")]
    [InlineData("Subject", "Change for {Organisation}", "Unknown placeholder {Organisation}. Use {organization}, {change}, {takes-effect}, {until}, {policy-clause}, {contact}.")]
    [InlineData("Body", "Effective {deadline}", "Unknown placeholder {deadline}. Use {organization}, {change}, {takes-effect}, {until}, {policy-clause}, {contact}.")]
    [InlineData("Body", "Hello\u202Egnp.exe", "Remove the invisible or direction-changing character U+202E: it would make the text read otherwise than it is.")]
    public async Task Bad_wording_is_refused_at_its_field_and_nothing_is_saved(string field, string text, string message)
    {
        var page = App.Render<NoticeTemplatesPage>();

        await page.Button("Edit the notice for Capacity").ClickAsync(new MouseEventArgs());
        page.Labelled(field).Type(text);
        await page.Button("Save").ClickAsync(new MouseEventArgs());

        Assert.Equal(new Dictionary<string, string> { [field] = message }, page.Messages());
        Assert.Null(await TemplateAsync(StandardReasonCodes.Capacity));
        Assert.True(page.HasNamed("Notice for Capacity"));
    }

    [Fact]
    public async Task Only_admins_may_write_a_template()
    {
        var service = new NoticeTemplateService(App.Demo.Contexts, new TestActor("Sam Support", [Roles.AccountManager]), App.Demo.Clock);

        await Assert.ThrowsAsync<ForbiddenException>(() => service.SaveAsync(StandardReasonCodes.Capacity, "s", "b"));
        Assert.Null(await TemplateAsync(StandardReasonCodes.Capacity));
    }

    private async Task<NoticeTemplate?> TemplateAsync(string code)
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        return await db.NoticeTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.ReasonCode == code);
    }
}
