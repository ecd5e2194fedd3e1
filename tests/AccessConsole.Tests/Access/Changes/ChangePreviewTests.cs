using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>What the change dialog shows before Confirm.</summary>
public sealed class ChangePreviewTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;
    private ChangePreviewService previews = null!;

    public async ValueTask InitializeAsync()
    {
        demo = await DemoDatabase.OpenAsync();
        previews = new ChangePreviewService(demo.Contexts, new TestActor("Alex Account", Roles.AccountManager), demo.Clock);
    }

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task A_revoked_organization_shows_the_restriction_a_restore_gives_back_and_what_it_reaches()
    {
        var meridian = await demo.OrganizationAsync(DemoCatalog.DisputedOrganization);

        var preview = (await previews.PreviewAsync(meridian))!;

        Assert.Equal(AccessValue.Revoked(), preview.Current);
        Assert.Equal(await demo.VersionAsync(meridian), preview.Version);
        Assert.Equal("Marcus Osei", preview.Provenance.ChangedBy);
        Assert.True(preview.CanUndo);
        Assert.Equal(AccessValue.Restricted(new Restriction { RequestsPerMinute = 500, TokensPerMinute = 200_000 }), preview.RestoreResult);
        Assert.True(preview.Impact.Keys >= 1);
        Assert.Equal(1, preview.Impact.Organizations);
    }

    [Fact]
    public async Task A_subject_never_changed_has_nothing_to_undo()
    {
        var lab = await demo.OrganizationAsync(DemoCatalog.RivalLab);
        await using var db = await demo.Contexts.CreateDbContextAsync();
        var keys = await db.ApiKeys.CountAsync(k => k.OrganizationId == lab.Id);

        var preview = (await previews.PreviewAsync(lab))!;

        Assert.Equal(AccessValue.Active, preview.Current);
        Assert.False(preview.CanUndo);
        Assert.Null(preview.RestoreResult);
        Assert.Equal(keys, preview.Impact.Keys);
    }

    [Fact]
    public async Task An_unknown_subject_has_no_preview() =>
        Assert.Null(await previews.PreviewAsync(new SubjectRef(SubjectKind.ApiKey, Guid.NewGuid())));
}
