using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.ReasonCodes;

/// <summary>The form above the reason codes: a good code and label are saved and audited; bad ones are refused at their field and save nothing.</summary>
public sealed class AddReasonCodeFormTests() : ConsoleComponentTests("Ada Admin", Roles.Admin)
{
    private int added;

    [Fact]
    public async Task A_valid_code_and_label_are_saved_audited_and_the_form_empties()
    {
        var form = Render();

        Fill(form, " Late-Payment ", "Payment more than 60 days late");
        await SubmitAsync(form);

        var saved = await ReasonAsync("late-payment");
        Assert.Equal(("Payment more than 60 days late", false), (saved!.Label, saved.IsRetired));
        var audited = (await App.Demo.AllEventsAsync())[^1];
        Assert.Equal(("reason-code.add", "late-payment", "Payment more than 60 days late", "Ada Admin"),
            (audited.Action, audited.SubjectId, audited.SubjectName, audited.ActorName));
        Assert.Equal(1, added);
        Assert.Empty(form.Messages());
        Assert.Equal(["", ""], new[] { "Code", "Label" }.Select(f => form.Labelled(f).GetAttribute("value") ?? ""));
    }

    [Theory]
    [InlineData("ab", "Use 3 to 64 lower-case letters, digits and dashes.")]
    [InlineData("late payment", "Use 3 to 64 lower-case letters, digits and dashes.")]
    [InlineData("-late", "Use 3 to 64 lower-case letters, digits and dashes.")]
    [InlineData(StandardReasonCodes.Capacity, "This code exists already.")]
    public async Task A_bad_code_is_refused_at_its_field_and_nothing_is_saved(string code, string message)
    {
        var before = await StateAsync();
        var form = Render();

        Fill(form, code, "A label that is fine");
        await SubmitAsync(form);

        Assert.Equal(new Dictionary<string, string> { ["Code"] = message }, form.Messages());
        Assert.Equal(before, await StateAsync());
        Assert.Equal(0, added);
        Assert.Equal(code, form.Labelled("Code").GetAttribute("value"));
    }

    [Theory]
    [InlineData("ok", "Write a label of 3 to 200 characters.")]
    [InlineData("Unpaid\u202Egnp.exe", "Remove the invisible or direction-changing character U+202E: it would make the text read otherwise than it is.")]
    public async Task A_bad_label_is_refused_at_its_field_and_nothing_is_saved(string label, string message)
    {
        var before = await StateAsync();
        var form = Render();

        Fill(form, "late-payment", label);
        await SubmitAsync(form);

        Assert.Equal(new Dictionary<string, string> { ["Label"] = message }, form.Messages());
        Assert.Null(await ReasonAsync("late-payment"));
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task An_empty_form_gets_a_message_at_each_field()
    {
        var before = await StateAsync();
        var form = Render();

        await SubmitAsync(form);

        Assert.Equal(["Code", "Label"], form.Messages().Keys.Order());
        Assert.Equal(before, await StateAsync());
    }

    private IRenderedComponent<AddReasonCodeForm> Render() =>
        App.Render<AddReasonCodeForm>(p => p.Add(f => f.Added, () => added++));

    private static void Fill(IRenderedComponent<AddReasonCodeForm> form, string code, string label)
    {
        form.Labelled("Code").Type(code);
        form.Labelled("Label").Type(label);
    }

    private static Task SubmitAsync(IRenderedComponent<AddReasonCodeForm> form) => form.Button("Add reason").ClickAsync(new MouseEventArgs());

    private async Task<ReasonCode?> ReasonAsync(string code)
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        return await db.ReasonCodes.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code);
    }

    /// <summary>What a refused add must leave as it was: the reasons and the audit log's length.</summary>
    private async Task<string> StateAsync()
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        var codes = await db.ReasonCodes.OrderBy(r => r.Code).Select(r => r.Code + "=" + r.Label).ToListAsync();
        return $"{string.Join("; ", codes)}; {await App.Demo.AuditCountAsync()} events";
    }
}
