using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.ReasonCodes;

public sealed class ReasonCodeServiceTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;

    public async ValueTask InitializeAsync() => demo = await DemoDatabase.OpenAsync();

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Theory]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Legal)]
    [InlineData(Roles.AccountManager)]
    [InlineData]
    public async Task Only_admins_may_add_or_retire_reasons(params string[] roles)
    {
        var service = ServiceFor(roles);
        var before = await ListAsync();
        var events = await demo.AuditCountAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => service.AddAsync("partner-dispute", "Partner dispute"));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.RetireAsync(StandardReasonCodes.Other));

        Assert.Equal(before, await ListAsync());
        Assert.Equal(events, await demo.AuditCountAsync());
    }

    [Fact]
    public async Task An_admin_adds_a_reason_and_the_addition_is_audited()
    {
        var errors = await ServiceFor(Roles.Admin).AddAsync(" Partner-Dispute ", "Partner dispute");

        Assert.Empty(errors);
        Assert.Contains(new ReasonCodeRow("partner-dispute", "Partner dispute", false), await ListAsync());
        var added = (await demo.AllEventsAsync()).Last();
        Assert.Equal(("reason-code.add", "partner-dispute", "Ada Admin"), (added.Action, added.SubjectId, added.ActorName));
    }

    [Fact]
    public async Task An_admin_retires_a_reason_which_stays_readable_and_the_retirement_is_audited()
    {
        Assert.True(await ServiceFor(Roles.Admin).RetireAsync(StandardReasonCodes.Resale));

        Assert.Contains(new ReasonCodeRow(StandardReasonCodes.Resale, "Terms — resale", true), await ListAsync());
        Assert.DoesNotContain(await ServiceFor(Roles.Support).ListAsync(includeRetired: false), r => r.Code == StandardReasonCodes.Resale);
        Assert.Equal("reason-code.retire", (await demo.AllEventsAsync()).Last().Action);
        Assert.False(await ServiceFor(Roles.Admin).RetireAsync(StandardReasonCodes.Resale));
    }

    [Theory]
    [InlineData("ab", "Too short a code", "Code")]
    [InlineData("has space", "A label", "Code")]
    [InlineData("capacity", "Capacity again", "Code")]
    [InlineData("new-code", "x", "Label")]
    public async Task A_bad_reason_is_refused_at_its_field_and_nothing_is_written(string code, string label, string field)
    {
        var before = await ListAsync();
        var events = await demo.AuditCountAsync();

        var errors = await ServiceFor(Roles.Admin).AddAsync(code, label);

        Assert.True(errors.ContainsKey(field), string.Join("; ", errors));
        Assert.Equal(before, await ListAsync());
        Assert.Equal(events, await demo.AuditCountAsync());
    }

    private ReasonCodeService ServiceFor(params string[] roles) =>
        new(demo.Contexts, new TestActor(roles.Contains(Roles.Admin) ? "Ada Admin" : "Sam Staff", roles), demo.Clock);

    private Task<IReadOnlyList<ReasonCodeRow>> ListAsync() => ServiceFor(Roles.Admin).ListAsync(includeRetired: true);
}
