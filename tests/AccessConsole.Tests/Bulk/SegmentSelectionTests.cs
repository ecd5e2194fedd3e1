using AccessConsole.Web.Access;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Organizations;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Bulk;

/// <summary>Segments chosen in the database, held against answers worked out by hand from the demo rows.</summary>
public sealed class SegmentSelectionTests : IAsyncLifetime
{
    private BulkTestApp app = null!;
    private DemoRows rows = null!;

    public async ValueTask InitializeAsync()
    {
        app = await StartAsync();
        rows = await DemoRows.LoadAsync(app);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    public static TheoryData<string> Segments =>
    [
        "competitors' use of Glide IDE", "heavy users on Free and Build", "tier Scale tagged reseller", "restricted organizations",
        "active users of OpenHarness", "an explicit list by name and id", "every day of a week, 22 hours", "Enterprise use of Atelier SDKs",
    ];

    [Theory]
    [MemberData(nameof(Segments))]
    public async Task The_segment_selects_exactly_what_a_hand_count_of_the_rows_selects(string name)
    {
        var segment = await SegmentNamedAsync(name);
        var expected = rows.SubjectsOf(segment, app.Today);

        var selected = await AllSubjectsAsync(segment);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), selected.Order());
    }

    [Fact]
    public async Task Every_competitors_use_of_Glide_IDE_is_the_four_competitors_named_in_the_demo()
    {
        var glide = await app.IntegrationIdAsync(DemoCatalog.BlockedIde);
        var competitors = DemoCatalog.ScenarioOrganizations.Where(o => o.Tags.Contains("competitor")).Select(o => o.Name).ToList();

        var preview = await app.BulkFor(Alex).PreviewAsync(await SegmentNamedAsync("competitors' use of Glide IDE"), 0, 50);

        Assert.Equal(competitors.Order(), preview.Rows.Select(r => r.Name.Replace($" through {DemoCatalog.BlockedIde}", "")).Order());
        Assert.All(preview.Rows, r => Assert.Equal(SubjectKind.OrganizationIntegration, r.Kind));
        Assert.Equal(rows.Uses.Where(u => u.IntegrationId == glide && preview.Rows.Any(r => r.Id == u.Id)).Select(u => u.Id).Order(),
            preview.Rows.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Round_the_clock_users_on_basic_tiers_are_the_demos_heavy_users()
    {
        var preview = await app.BulkFor(Alex).PreviewAsync(await SegmentNamedAsync("heavy users on Free and Build"), 0, 50);

        Assert.Equal(DemoCatalog.HeavyUsers.Select(h => h.Name).Order(), preview.Rows.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task The_preview_counts_subjects_keys_and_requests_of_the_last_30_days_as_a_hand_sum_does()
    {
        var segment = await SegmentNamedAsync("heavy users on Free and Build");
        var organizations = rows.OrganizationsOf(segment, app.Today);
        var since = app.Today.AddDays(-30);

        var preview = await app.BulkFor(Alex).PreviewAsync(segment, 0, 2);

        Assert.Equal(organizations.Count, preview.Impact!.Subjects);
        Assert.Equal(rows.Keys.Count(k => organizations.Contains(k.OrganizationId)), preview.Impact.Keys);
        Assert.Equal(rows.DailyUsage.Where(u => organizations.Contains(u.OrganizationId) && u.Day >= since).Sum(u => u.Requests), preview.Impact.RecentRequests);
        var first = preview.Rows[0];
        Assert.Equal(rows.Keys.Count(k => k.OrganizationId == first.OrganizationId), first.Keys);
        Assert.Equal(rows.DailyUsage.Where(u => u.OrganizationId == first.OrganizationId && u.Day >= since).Sum(u => u.Requests), first.RecentRequests);
    }

    [Fact]
    public async Task For_uses_of_an_integration_the_impact_counts_the_requests_through_it()
    {
        var segment = await SegmentNamedAsync("competitors' use of Glide IDE");
        var uses = rows.SubjectsOf(segment, app.Today);

        var preview = await app.BulkFor(Alex).PreviewAsync(segment, 0, 10);

        Assert.Equal(rows.Uses.Where(u => uses.Contains(u.Id)).Sum(u => u.RecentRequests), preview.Impact!.RecentRequests);
        var owners = rows.Uses.Where(u => uses.Contains(u.Id)).Select(u => u.OrganizationId).ToHashSet();
        Assert.Equal(rows.Keys.Count(k => owners.Contains(k.OrganizationId)), preview.Impact.Keys);
    }

    [Fact]
    public async Task Pages_of_the_preview_cover_the_segment_once_in_name_order()
    {
        var segment = await SegmentNamedAsync("restricted organizations") with { State = null, Tiers = [Tier.Scale] };
        var expected = rows.OrganizationsOf(segment, app.Today);
        var seen = new List<SegmentRow>();

        for (var skip = 0; skip < expected.Count + 7; skip += 7) seen.AddRange((await app.BulkFor(Alex).PreviewAsync(segment, skip, 7)).Rows);

        Assert.Equal(expected.Order(), seen.Select(r => r.Id).Order());
        Assert.Equal(seen.Count, seen.Select(r => r.Id).Distinct().Count());
        Assert.Equal(seen.Select(r => r.Name.ToUpperInvariant()).Order(StringComparer.Ordinal), seen.Select(r => r.Name.ToUpperInvariant()));
    }

    private async Task<List<Guid>> AllSubjectsAsync(Segment segment)
    {
        var preview = await app.BulkFor(Alex).PreviewAsync(segment, 0, 100);
        Assert.True(preview.Errors.Count == 0, string.Join("; ", preview.Errors.Values));
        Assert.True(preview.Impact!.Subjects <= 100, "the test expects one page");
        Assert.Equal(preview.Impact.Subjects, preview.Rows.Count);
        return preview.Rows.Select(r => r.Id).ToList();
    }

    private async Task<Segment> SegmentNamedAsync(string name) => name switch
    {
        "competitors' use of Glide IDE" => new Segment
        {
            Subjects = SegmentSubjects.OrganizationIntegrations, Tag = "competitor", IntegrationId = await app.IntegrationIdAsync(DemoCatalog.BlockedIde),
        },
        "heavy users on Free and Build" => new Segment { Tiers = [Tier.Free, Tier.Build], Usage = new UsagePattern() },
        "tier Scale tagged reseller" => new Segment { Tiers = [Tier.Scale], Tag = "reseller" },
        "restricted organizations" => new Segment { State = AccessState.Restricted },
        "active users of OpenHarness" => new Segment { IntegrationId = await app.IntegrationIdAsync(DemoCatalog.Harness), State = AccessState.Active },
        "an explicit list by name and id" => new Segment
        {
            Organizations = ["northwind ai labs", (await app.OrganizationIdAsync(DemoCatalog.HarnessUser)).ToString(), "Perpetua Bots"],
        },
        "every day of a week, 22 hours" => new Segment { Usage = new UsagePattern { MinHours = 22, MinDays = 3, Days = 7 } },
        "Enterprise use of Atelier SDKs" => new Segment
        {
            Subjects = SegmentSubjects.OrganizationIntegrations, Tiers = [Tier.Enterprise], IntegrationId = await app.IntegrationIdAsync("Atelier SDKs"),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
