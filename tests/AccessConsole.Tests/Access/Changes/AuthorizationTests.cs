using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.Access.Changes;

public sealed class AuthorizationTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;
    private SubjectRef lab;

    public async ValueTask InitializeAsync()
    {
        demo = await DemoDatabase.OpenAsync();
        lab = await demo.OrganizationAsync(DemoCatalog.RivalLab);
    }

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Theory]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Legal)]
    [InlineData(Roles.Support, Roles.Legal)]
    [InlineData]
    public async Task Only_account_managers_and_admins_may_change_access(params string[] roles)
    {
        var service = new AccessChangeService(demo.Contexts, new TestActor("Sam Staff", roles), demo.Clock);
        var before = await demo.SnapshotAsync(lab);

        await Assert.ThrowsAsync<ForbiddenException>(() => service.ChangeAsync(ChangeRequests.Revoke(lab, 0)));

        Assert.Equal(before, await demo.SnapshotAsync(lab));
    }

    [Fact]
    public async Task A_refused_person_learns_nothing_from_bad_input_either()
    {
        var service = new AccessChangeService(demo.Contexts, new TestActor("Sam Support", Roles.Support), demo.Clock);

        await Assert.ThrowsAsync<ForbiddenException>(() => service.ChangeAsync(ChangeRequests.Revoke(lab, 0) with { ReasonCode = null }));
    }

    [Theory]
    [InlineData(Roles.AccountManager)]
    [InlineData(Roles.Admin)]
    public async Task Account_managers_and_admins_may(string role)
    {
        var result = await demo.ChangesBy("Alex Allowed", role).ChangeAsync(ChangeRequests.Revoke(lab, await demo.VersionAsync(lab)));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var recorded = Assert.Single(await demo.EventsAboutAsync(lab));
        Assert.Equal("test:alex allowed", recorded.ActorId);
        Assert.Equal("Alex Allowed", recorded.ActorName);
        Assert.Equal(role, recorded.ActorRoles);
        Assert.Equal(AccessState.Revoked, (await demo.ReadAsync(lab)).AccessState);
    }
}
