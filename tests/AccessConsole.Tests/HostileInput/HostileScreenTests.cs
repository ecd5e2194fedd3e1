using AccessConsole.Tests.Access.Changes;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk.Pages;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AccessConsole.Tests.HostileInput;

/// <summary>
/// The corpus typed into the screens themselves, as a person would: the change dialog, the lookup and the bulk
/// segment editor. Every refused input gets its message at its field, nothing throws out of the page, and nothing is
/// written.
/// </summary>
public sealed class HostileScreenTests() : ConsoleComponentTests("Alex Manager", Roles.AccountManager, Roles.Support)
{
    [Fact]
    public async Task The_change_dialog_shows_a_message_at_the_justification_for_each_refused_text_and_writes_nothing()
    {
        var organization = await App.Demo.OrganizationAsync(DemoCatalog.RivalLab);
        var before = await App.Demo.SnapshotAsync(organization);
        var dialog = ChangeDialog.Open(App, organization, ChangeKind.Restrict).Because();
        dialog.Field("Requests per minute cap").Type("100");
        var failures = new List<string>();

        foreach (var (name, text) in HostileCorpus.RefusedTexts)
        {
            dialog.Field("Justification").Type(text);
            await dialog.ConfirmAsync();

            var expected = AccessChangeValidator.Validate(ChangeRequests.Restrict(organization, 0, new Restriction { RequestsPerMinute = 100 })
                with { Justification = text }, DateTime.UtcNow)[ChangeFields.Justification];
            if (!dialog.Messages.SequenceEqual([(ChangeFields.Justification, expected)]))
            {
                failures.Add($"{name}: {string.Join("; ", dialog.Messages)} instead of {expected}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.False(dialog.Outcome.IsCompleted, "the dialog closed on a refused input");
        Assert.Equal(before, await App.Demo.SnapshotAsync(organization));
    }

    [Fact]
    public async Task The_lookup_answers_each_input_with_a_message_or_a_search_and_keeps_working()
    {
        var page = App.Render<LookupPage>();
        var failures = new List<string>();

        foreach (var (name, text) in HostileCorpus.Texts)
        {
            page.Labelled("Search customers").Type(text);
            await page.Button("Search").ClickAsync(new MouseEventArgs());

            var message = page.MessageAt("lookup");
            var answered = page.FindAll("[role=status]").Count == 1;
            if (message != LookupService.InputProblem(text) || answered == (message is not null))
            {
                failures.Add($"{name}: message {message ?? "none"}, status {(answered ? "shown" : "none")}");
            }
        }

        page.Labelled("Search customers").Type(DemoCatalog.RivalLab);
        await page.Button("Search").ClickAsync(new MouseEventArgs());
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains(DemoCatalog.RivalLab, page.Named("Lookup results").Shown());
    }

    [Fact]
    public async Task The_segment_editor_refuses_each_listed_input_at_the_list_and_previews_nothing()
    {
        var page = App.RenderWithDialogs<NewBulkChangePage>(_ => { });
        page.WaitForAssertion(() => Assert.Contains("competitor", page.OpenOptions("Tag")));
        var failures = new List<string>();

        foreach (var (name, text) in HostileCorpus.Texts.Where(t => t.Text.Trim().Length > 0))
        {
            page.Labelled("Only these organizations (optional: one name or id per line)").Type(text);
            await page.Button("Preview").ClickAsync(new MouseEventArgs());

            if (page.MessageAt(SegmentFields.Organizations) is not { Length: > 0 } || page.HasNamed("Preview"))
            {
                failures.Add($"{name}: {string.Join("; ", page.Messages())}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
