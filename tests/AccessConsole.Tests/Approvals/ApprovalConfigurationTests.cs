using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using static AccessConsole.Tests.Bulk.BulkTestApp;

namespace AccessConsole.Tests.Approvals;

public sealed class ApprovalConfigurationTests
{
    [Fact]
    public async Task The_approvals_section_sets_the_rules_and_the_request_lifetime()
    {
        await using var app = await StartAsync(("Approvals:RequestLifetime", "01:30:00"), ("Approvals:RevokeEnterpriseOrganization", "false"),
            ("Approvals:TermsReasonsStartWith:0", "security-"));
        var lab = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(DemoCatalog.RivalLab));
        var kestrel = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync(DemoCatalog.StoppedKeyOrganization));
        var quantaform = new SubjectRef(SubjectKind.Organization, await app.OrganizationIdAsync("Quantaform Research"));
        await app.ChangeAsync(Alex, quantaform, Terms(ChangeKind.Revoke, StandardReasonCodes.CompetingProduct));

        var revoke = await app.GateFor(Alex).SubmitAsync(Terms(ChangeKind.Revoke) with { Subject = lab, ExpectedVersion = (await app.SubjectAsync(lab)).Entity.AccessVersion });
        await app.ChangeAsync(Alex, kestrel, Terms(ChangeKind.Revoke, StandardReasonCodes.KeyExposed));
        var restore = await app.GateFor(Alex).SubmitAsync(Terms(ChangeKind.Restore, StandardReasonCodes.DisputeResolved) with
        {
            Subject = kestrel, ExpectedVersion = (await app.SubjectAsync(kestrel)).Entity.AccessVersion,
        });

        var termsRestore = await app.GateFor(Alex).SubmitAsync(Terms(ChangeKind.Restore, StandardReasonCodes.DisputeResolved) with
        {
            Subject = quantaform, ExpectedVersion = (await app.SubjectAsync(quantaform)).Entity.AccessVersion,
        });

        Assert.False(revoke.SentForApproval);
        Assert.False(termsRestore.SentForApproval, "the configured prefixes replace terms-, not add to it");
        Assert.Equal(AccessState.Revoked, (await app.SubjectAsync(lab)).Entity.AccessState);
        Assert.Equal("restoring an organization revoked under a terms reason (Kestrel Robotics)", restore.Request!.Rules);
        Assert.Equal(app.Clock.UtcNow.AddMinutes(90), restore.Request.ExpiresAt);
    }

    [Theory]
    [InlineData("Approvals:BulkSubjectsOver", "-1", "BulkSubjectsOver must be 0 or more")]
    [InlineData("Approvals:RequestLifetime", "00:00:00", "RequestLifetime must be more than zero")]
    public async Task A_misconfigured_rule_stops_start_up_with_a_message_naming_it(string key, string value, string message)
    {
        await using var factory = new ConsoleFactory(TestDatabase.NewPath());
        factory.Settings[key] = value;

        var error = Assert.ThrowsAny<Exception>(factory.StartHost);

        Assert.Contains(message, error.GetBaseException().Message);
    }
}
