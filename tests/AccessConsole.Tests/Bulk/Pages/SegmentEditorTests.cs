using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Bulk.Pages;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Bulk.Pages;

/// <summary>The segment editor: every field reaches the segment, every edit is announced, and the page's checks show at the fields.</summary>
public sealed class SegmentEditorTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private const string Uses = "Each organization's use of one integration";
    private const string ByUsage = "Only round-the-clock users";

    private readonly SegmentDraft draft = new();
    private int edits;

    [Fact]
    public async Task Changing_uses_of_one_integration_relabels_the_fields_it_depends_on()
    {
        var editor = await RenderAsync();
        Assert.Equal("Any", editor.ShownValue("Using integration"));
        editor.Labelled("Access now");

        editor.ChooseRadio(Uses);

        Assert.Equal(SegmentSubjects.OrganizationIntegrations, draft.Subjects);
        Assert.Equal("Choose an integration…", editor.OpenOptions("Integration whose use to change")[0]);
        editor.Labelled("Access of the use now");
        Assert.Equal(1, edits);
    }

    [Fact]
    public async Task Every_field_reaches_the_segment_and_each_edit_is_announced()
    {
        var editor = await RenderAsync();

        editor.PickOption("Using integration", DemoCatalog.BlockedIde);
        editor.PickOption("Tag", "competitor");
        editor.PickOption("Access now", "Active");
        editor.WrappedBy("Scale").Tick();
        editor.WrappedBy("Enterprise").Tick();
        editor.WrappedBy(ByUsage).Tick();
        editor.Labelled("requests in at least").Type("18");
        editor.Labelled("hours of the day, on at least").Type("4");
        editor.Labelled("of the last").Type("10");
        editor.Labelled("Only these organizations (optional: one name or id per line)").Type($"{DemoCatalog.RivalLab}\n{DemoCatalog.IdeRival}");

        var segment = draft.ToSegment();
        Assert.Equal(SegmentSubjects.Organizations, segment.Subjects);
        Assert.Equal(await App.Demo.IntegrationIdAsync(DemoCatalog.BlockedIde), segment.IntegrationId);
        Assert.Equal(("competitor", AccessState.Active), (segment.Tag, segment.State));
        Assert.Equal([Tier.Scale, Tier.Enterprise], segment.Tiers);
        Assert.Equal(new UsagePattern { MinHours = 18, MinDays = 4, Days = 10 }, segment.Usage);
        Assert.Equal([DemoCatalog.RivalLab, DemoCatalog.IdeRival], segment.Organizations);
        Assert.Equal(10, edits);
    }

    [Fact]
    public async Task The_usage_numbers_are_asked_only_for_round_the_clock_users()
    {
        var editor = await RenderAsync();
        Assert.DoesNotContain(editor.FindAll("label"), l => l.Shown() == "requests in at least");

        editor.WrappedBy(ByUsage).Tick();
        Assert.Equal("20", editor.Labelled("requests in at least").GetAttribute("value"));

        editor.WrappedBy(ByUsage).Tick(false);
        Assert.DoesNotContain(editor.FindAll("label"), l => l.Shown() == "requests in at least");
        Assert.Null(draft.ToSegment().Usage);
    }

    [Fact]
    public async Task An_uploaded_file_fills_the_list_and_one_too_large_is_refused_at_its_field()
    {
        var editor = await RenderAsync();

        editor.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText($"{DemoCatalog.RivalLab},Enterprise\n\n{DemoCatalog.IdeRival}\n", "list.csv"));

        editor.WaitForAssertion(() => Assert.Equal([DemoCatalog.RivalLab, DemoCatalog.IdeRival], draft.ToSegment().Organizations));
        Assert.Equal(1, edits);

        editor.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[OrganizationListFile.MaxBytes + 1], "big.csv"));

        editor.WaitForAssertion(() => Assert.Equal(OrganizationListFile.TooLarge(OrganizationListFile.MaxBytes + 1), editor.MessageAt("organization-list-file")));
        Assert.Equal([DemoCatalog.RivalLab, DemoCatalog.IdeRival], draft.ToSegment().Organizations);
    }

    [Fact]
    public async Task The_pages_checks_show_at_the_fields_of_the_segment()
    {
        var page = App.RenderWithDialogs<NewBulkChangePage>(_ => { });
        page.WaitForAssertion(() => Assert.Contains("competitor", page.OpenOptions("Tag")));

        await page.Button("Preview").ClickAsync(new MouseEventArgs());
        Assert.Equal([(SegmentFields.Segment, "Choose at least one criterion: a change to every organization at once is not offered.")], Messages(page));

        page.ChooseRadio(Uses);
        await page.Button("Preview").ClickAsync(new MouseEventArgs());
        Assert.Equal([(SegmentFields.Integration, "Choose the integration whose use to change.")], Messages(page));

        page.PickOption("Integration whose use to change", DemoCatalog.BlockedIde);
        page.Labelled("Only these organizations (optional: one name or id per line)").Type($"{DemoCatalog.RivalLab}\nNobody Such Inc");
        await page.Button("Preview").ClickAsync(new MouseEventArgs());
        Assert.Equal([(SegmentFields.Organizations, "Not found: Nobody Such Inc.")], Messages(page));
        Assert.False(page.HasNamed("Preview"));
    }

    private async Task<IRenderedComponent<UiComponents.WithDialogs>> RenderAsync()
    {
        var tags = await App.Services.GetRequiredService<OrganizationService>().TagsAsync();
        var catalog = await App.Services.GetRequiredService<IntegrationService>().ListAsync();
        return App.RenderWithDialogs<SegmentEditor>(p => p
            .Add(e => e.Draft, draft).Add(e => e.Tags, tags).Add(e => e.Integrations, catalog).Add(e => e.Changed, () => edits++));
    }

    private static List<(string, string)> Messages(IRenderedComponent<UiComponents.WithDialogs> page) =>
        page.Messages().Select(m => (m.Key, m.Value)).ToList();
}
