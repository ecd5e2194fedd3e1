using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Bulk;

/// <summary>Bad segments and bad terms: a message at the field, and nothing saved.</summary>
public sealed class BulkInputTests : IAsyncLifetime
{
    private BulkTestApp app = null!;

    public async ValueTask InitializeAsync() => app = await StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    public static TheoryData<string, string, string> BadSegments => new()
    {
        { "no criterion", SegmentFields.Segment, "at least one criterion" },
        { "uses without an integration", SegmentFields.Integration, "Choose the integration" },
        { "unknown organizations", SegmentFields.Organizations, "Not found: Nobody Inc, No Such Labs." },
        { "unknown integration", SegmentFields.Integration, "not in the catalog" },
        { "zero-day window", SegmentFields.Usage, "The window: from 1 to 90 days." },
        { "more days than the window", SegmentFields.Usage, "from 1 to the window's 7" },
        { "25 hours a day", SegmentFields.Usage, "from 1 to 24" },
        { "unknown tier", SegmentFields.Tiers, "Unknown tier" },
    };

    [Theory]
    [MemberData(nameof(BadSegments))]
    public async Task A_bad_segment_gets_a_message_at_its_field_in_the_preview_and_on_submit_and_nothing_is_saved(string name, string field, string message)
    {
        var segment = BadSegment(name);
        var before = await SavedAsync();

        var preview = await app.BulkFor(Alex).PreviewAsync(segment, 0, 10);
        var submitted = await app.BulkFor(Alex).SubmitAsync(new BulkSubmission(segment, Terms(ChangeKind.Revoke), 1));

        Assert.Contains(message, preview.Errors[field]);
        Assert.Null(preview.Impact);
        Assert.Contains(message, submitted.Errors[field]);
        Assert.Equal(before, await SavedAsync());
    }

    [Fact]
    public async Task Bad_terms_get_messages_at_their_fields_and_nothing_is_saved()
    {
        var before = await SavedAsync();
        var terms = Terms(ChangeKind.Restrict) with { ReasonCode = "", Justification = "short", Restriction = null, Until = app.Clock.UtcNow.AddDays(-1) };

        var result = await app.BulkFor(Alex).SubmitAsync(new BulkSubmission(new Segment { Tag = "competitor" }, terms, 4));

        Assert.Equal("Choose a reason.", result.Errors[ChangeFields.Reason]);
        Assert.Contains("at least 10", result.Errors[ChangeFields.Justification]);
        Assert.Contains("at least one limit", result.Errors[ChangeFields.Restriction]);
        Assert.Equal("Choose a time in the future.", result.Errors[ChangeFields.Until]);
        Assert.Equal(before, await SavedAsync());
    }

    [Fact]
    public async Task An_unknown_reason_and_an_unknown_client_are_refused_at_their_fields()
    {
        var before = await SavedAsync();
        var terms = Terms(ChangeKind.Restrict, reason: "no-such-reason", restriction: new Restriction { Integrations = [Guid.NewGuid()] });

        var result = await app.BulkFor(Alex).SubmitAsync(new BulkSubmission(new Segment { Tag = "competitor" }, terms, 4));

        Assert.Equal("Choose a reason from the list.", result.Errors[ChangeFields.Reason]);
        Assert.Contains("not in the integration catalog", result.Errors[ChangeFields.Clients]);
        Assert.Equal(before, await SavedAsync());
    }

    [Fact]
    public async Task A_segment_that_changed_since_its_preview_is_refused_until_previewed_again()
    {
        var before = await SavedAsync();

        var result = await app.BulkFor(Alex).SubmitAsync(new BulkSubmission(new Segment { Tag = "competitor" }, Terms(ChangeKind.Restrict,
            restriction: new Restriction { RequestsPerMinute = 10 }), PreviewedCount: 3));

        Assert.Equal("The segment holds 4 subjects now, not the 3 you previewed: preview it again, then decide.", result.Errors[SegmentFields.Segment]);
        Assert.Equal(before, await SavedAsync());
    }

    [Fact]
    public async Task An_empty_segment_has_nothing_to_change()
    {
        var segment = new Segment { Tag = "competitor", Tiers = [AccessConsole.Web.Organizations.Tier.Free] };

        var preview = await app.BulkFor(Alex).PreviewAsync(segment, 0, 10);
        var result = await app.BulkFor(Alex).SubmitAsync(new BulkSubmission(segment, Terms(ChangeKind.Revoke), 0));

        Assert.Equal(0, preview.Impact!.Subjects);
        Assert.Contains("nothing to change", result.Errors[SegmentFields.Segment]);
    }

    [Fact]
    public async Task Support_may_neither_preview_nor_submit()
    {
        var segment = new Segment { Tag = "competitor" };

        await Assert.ThrowsAsync<ForbiddenException>(() => app.BulkFor(Sam).PreviewAsync(segment, 0, 10));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.BulkFor(Sam).SubmitAsync(new BulkSubmission(segment, Terms(ChangeKind.Revoke), 4)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.JobsFor(Sam).ListAsync(0, 10));
    }

    private Segment BadSegment(string name) => name switch
    {
        "no criterion" => new Segment(),
        "uses without an integration" => new Segment { Subjects = SegmentSubjects.OrganizationIntegrations, Tag = "competitor" },
        "unknown organizations" => new Segment { Organizations = [DemoCatalog.RivalLab, "Nobody Inc", "No Such Labs"] },
        "unknown integration" => new Segment { IntegrationId = Guid.NewGuid() },
        "zero-day window" => new Segment { Usage = new UsagePattern { Days = 0, MinDays = 0 } },
        "more days than the window" => new Segment { Usage = new UsagePattern { MinDays = 8 } },
        "25 hours a day" => new Segment { Usage = new UsagePattern { MinHours = 25 } },
        "unknown tier" => new Segment { Tiers = [(AccessConsole.Web.Organizations.Tier)9] },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>What a refused submission must leave as it was: the jobs, their items and the requests (the demo's history
    /// holds some of each already) and the audit log's head.</summary>
    private async Task<(int Jobs, int Items, int Requests, long Head)> SavedAsync()
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return (await db.ChangeJobs.CountAsync(), await db.ChangeJobItems.CountAsync(), await db.ApprovalRequests.CountAsync(), await app.AuditHeadAsync());
    }
}
