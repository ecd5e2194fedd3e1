using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>Every bad input gets a message at its field, nothing is written, and nothing is thrown.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private static readonly Restriction Capped = new() { RequestsPerMinute = 100 };

    private DemoDatabase demo = null!;
    private SubjectRef active;
    private SubjectRef revoked;

    /// <summary>A bad request on an active organization (or, for one case, the revoked one), and the field its message belongs to.</summary>
    private sealed record Case(string Field, Func<BadInputTests, int, AccessChangeRequest> Request, bool OnRevoked = false);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["missing reason"] = new(ChangeFields.Reason, (t, v) => t.Restrict(v) with { ReasonCode = null }),
        ["blank reason"] = new(ChangeFields.Reason, (t, v) => t.Restrict(v) with { ReasonCode = "  " }),
        ["unknown reason"] = new(ChangeFields.Reason, (t, v) => t.Restrict(v) with { ReasonCode = "because-i-said-so" }),
        ["retired reason"] = new(ChangeFields.Reason, (t, v) => t.Restrict(v) with { ReasonCode = StandardReasonCodes.Resale }),
        ["missing justification"] = new(ChangeFields.Justification, (t, v) => t.Restrict(v) with { Justification = null }),
        ["empty justification"] = new(ChangeFields.Justification, (t, v) => t.Restrict(v) with { Justification = "" }),
        ["blank justification"] = new(ChangeFields.Justification, (t, v) => t.Restrict(v) with { Justification = " \n\t " }),
        ["9-character justification"] = new(ChangeFields.Justification, (t, v) => t.Restrict(v) with { Justification = "too short" }),
        ["9 characters padded with spaces"] = new(ChangeFields.Justification, (t, v) => t.Restrict(v) with { Justification = "   too short   " }),
        ["2001-character justification"] = new(ChangeFields.Justification, (t, v) => t.Restrict(v) with { Justification = new string('x', 2001) }),
        ["control characters in justification"] = new(ChangeFields.Justification, (t, v) => t.Restrict(v) with { Justification = "Abuse seen\u0000 in logs\u0007 today" }),
        ["right-to-left override in justification"] = new(ChangeFields.Justification, (t, v) => t.Restrict(v) with { Justification = "Attachment invoice-\u202Egnp.exe reviewed" }),
        ["bidi isolate in justification"] = new(ChangeFields.Justification, (t, v) => t.Restrict(v) with { Justification = "Approved by \u2067legal\u2069 team today" }),
        ["zero-width space in justification"] = new(ChangeFields.Justification, (t, v) => t.Restrict(v) with { Justification = "Key exposed in\u200B public repository" }),
        ["zero-width joiner in ticket"] = new(ChangeFields.Ticket, (t, v) => t.Restrict(v) with { TicketReference = "SEC-\u200D2291" }),
        ["left-to-right mark in policy clause"] = new(ChangeFields.PolicyClause, (t, v) => t.Restrict(v) with { PolicyClause = "\u200ETerms §4.2" }),
        ["line separator in ticket"] = new(ChangeFields.Ticket, (t, v) => t.Restrict(v) with { TicketReference = "SEC-1\u20282" }),
        ["until in the past"] = new(ChangeFields.Until, (t, v) => t.Restrict(v) with { Until = t.demo.Clock.UtcNow.AddMinutes(-1) }),
        ["until now"] = new(ChangeFields.Until, (t, v) => t.Restrict(v) with { Until = t.demo.Clock.UtcNow }),
        ["until beyond three years"] = new(ChangeFields.Until, (t, v) => t.Restrict(v) with { Until = t.demo.Clock.UtcNow.AddDays(3 * 365 + 1) }),
        ["unknown subject"] = new(ChangeFields.Subject, (t, v) => t.Restrict(v) with { Subject = new SubjectRef(SubjectKind.Organization, Guid.NewGuid()) }),
        ["unknown key"] = new(ChangeFields.Subject, (t, v) => ChangeRequests.Revoke(new SubjectRef(SubjectKind.ApiKey, Guid.NewGuid()), 0)),
        ["stale version"] = new(ChangeFields.Version, (t, v) => t.Restrict(v - 1) with { Subject = t.revoked }, OnRevoked: true),
        ["future version"] = new(ChangeFields.Version, (t, v) => t.Restrict(v + 1)),
        ["restrict without a restriction"] = new(ChangeFields.Restriction, (t, v) => t.Restrict(v) with { Restriction = null }),
        ["restrict with an empty restriction"] = new(ChangeFields.Restriction, (t, v) => t.Restrict(v) with { Restriction = Restriction.None }),
        ["cap of zero"] = new(ChangeFields.RequestsPerMinute, (t, v) => t.Restrict(v) with { Restriction = new() { RequestsPerMinute = 0 } }),
        ["negative cap"] = new(ChangeFields.TokensPerMinute, (t, v) => t.Restrict(v) with { Restriction = new() { TokensPerMinute = -5 } }),
        ["cap above the maximum"] = new(ChangeFields.TokensPerMinute, (t, v) => t.Restrict(v) with { Restriction = new() { TokensPerMinute = int.MaxValue } }),
        ["empty purposes"] = new(ChangeFields.Purposes, (t, v) => t.Restrict(v) with { Restriction = new() { Purposes = [] } }),
        ["undefined purpose"] = new(ChangeFields.Purposes, (t, v) => t.Restrict(v) with { Restriction = new() { Purposes = [(KeyPurpose)42] } }),
        ["empty model families"] = new(ChangeFields.ModelFamilies, (t, v) => t.Restrict(v) with { Restriction = new() { ModelFamilies = [] } }),
        ["unknown model family"] = new(ChangeFields.ModelFamilies, (t, v) => t.Restrict(v) with { Restriction = new() { ModelFamilies = ["sonnet", "gpt-5"] } }),
        ["empty credential kinds"] = new(ChangeFields.CredentialKinds, (t, v) => t.Restrict(v) with { Restriction = new() { CredentialKinds = [] } }),
        ["empty client list"] = new(ChangeFields.Clients, (t, v) => t.Restrict(v) with { Restriction = new() { Integrations = [] } }),
        ["unknown integration in clients"] = new(ChangeFields.Clients, (t, v) => t.Restrict(v) with { Restriction = new() { Integrations = [Guid.NewGuid()] } }),
        ["overlong ticket"] = new(ChangeFields.Ticket, (t, v) => t.Restrict(v) with { TicketReference = "T-" + new string('9', 99) }),
        ["control characters in ticket"] = new(ChangeFields.Ticket, (t, v) => t.Restrict(v) with { TicketReference = "SEC-1\n2" }),
        ["overlong policy clause"] = new(ChangeFields.PolicyClause, (t, v) => t.Restrict(v) with { PolicyClause = new string('§', 201) }),
        ["restore with until"] = new(ChangeFields.Until, (t, v) => ChangeRequests.Restore(t.revoked, v) with { Until = t.demo.Clock.UtcNow.AddDays(1) }, OnRevoked: true),
        ["revoke of a revoked subject"] = new(ChangeFields.Subject, (t, v) => ChangeRequests.Revoke(t.revoked, v), OnRevoked: true),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    public async ValueTask InitializeAsync()
    {
        demo = await DemoDatabase.OpenAsync();
        active = await demo.OrganizationAsync(DemoCatalog.RivalLab);
        revoked = await demo.OrganizationAsync(DemoCatalog.DisputedOrganization);
        await new ReasonCodeService(demo.Contexts, new TestActor("Ada Admin", Roles.Admin), demo.Clock).RetireAsync(StandardReasonCodes.Resale);
    }

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Is_refused_at_its_field_and_nothing_is_written(string caseName)
    {
        var bad = Cases[caseName];
        var subject = bad.OnRevoked ? revoked : active;
        var before = await demo.SnapshotAsync(subject);

        var result = await demo.ChangesBy("Alex Account").ChangeAsync(bad.Request(this, await demo.VersionAsync(subject)));

        Assert.False(result.Succeeded);
        Assert.True(result.Errors.ContainsKey(bad.Field), $"expected a message at {bad.Field}, got: {string.Join("; ", result.Errors)}");
        Assert.False(string.IsNullOrWhiteSpace(result.Errors[bad.Field]));
        Assert.Null(result.AuditSequence);
        Assert.Equal(before, await demo.SnapshotAsync(subject));
    }

    [Fact]
    public void There_are_at_least_fifteen_cases() => Assert.True(Cases.Count >= 15);

    [Fact]
    public async Task A_stale_version_is_refused_naming_who_changed_it_and_when()
    {
        var result = await demo.ChangesBy("Alex Account").ChangeAsync(Restrict(await demo.VersionAsync(revoked) - 1) with { Subject = revoked });

        var message = result.Errors[ChangeFields.Version];
        Assert.Contains("Meridian Analytics was changed by Marcus Osei at ", message);
        Assert.Contains("it is now Revoked", message);
    }

    [Fact]
    public async Task A_justification_of_exactly_ten_and_of_two_thousand_characters_is_accepted()
    {
        var ten = await demo.ChangesBy("Alex Account").ChangeAsync(Restrict(await demo.VersionAsync(active)) with { Justification = "0123456789" });
        var twoThousand = await demo.ChangesBy("Alex Account").ChangeAsync(Restrict(await demo.VersionAsync(active)) with { Justification = new string('y', 2000) });

        Assert.True(ten.Succeeded, string.Join("; ", ten.Errors));
        Assert.True(twoThousand.Succeeded, string.Join("; ", twoThousand.Errors));
    }

    [Fact]
    public async Task Html_and_script_in_the_justification_are_stored_exactly_as_written()
    {
        const string hostile = "<script>alert('x')</script> <img src=x onerror=alert(1)> & \"quoted\" — see <b>ticket</b>";

        var result = await demo.ChangesBy("Alex Account").ChangeAsync(Restrict(await demo.VersionAsync(active)) with { Justification = hostile, TicketReference = "<i>SEC-1</i>" });

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var stored = (await demo.EventsAboutAsync(active)).Single(e => e.Sequence == result.AuditSequence);
        Assert.Equal(hostile, stored.Justification);
        Assert.Equal("<i>SEC-1</i>", stored.TicketReference);
    }

    private AccessChangeRequest Restrict(int version) => ChangeRequests.Restrict(active, version, Capped);
}
