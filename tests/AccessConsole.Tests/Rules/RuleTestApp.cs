using AccessConsole.Tests.Bulk;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Rules;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Rules;

/// <summary>Platform rules proposed and approved through the real services, on a private copy of the demo database.</summary>
internal static class RuleTestApp
{
    public static PlatformRuleService RulesFor(this BulkTestApp app, Actor actor) => new(
        app.Contexts, new TestActor(actor), app.Clock,
        app.Factory.Services.GetRequiredService<ApprovalRules>(), app.Factory.Services.GetRequiredService<ApprovalNotifier>());

    public static RuleChangeRequest Create(string name, RuleScope scope, bool denies = true, Restriction? restriction = null,
        string reason = StandardReasonCodes.CompetingProduct) => new()
    {
        Kind = RuleChangeKind.Create, Name = name, Scope = scope, Denies = denies, Restriction = restriction,
        ReasonCode = reason, Justification = "Terms of service: no access for competing products through this client.",
    };

    /// <summary>Proposed by one person and approved by another: the rule in force.</summary>
    public static async Task<PlatformRule> ProposeAndApproveAsync(this BulkTestApp app, RuleChangeRequest request, Actor proposer, Actor approver)
    {
        var proposed = await app.RulesFor(proposer).ProposeAsync(request);
        Assert.True(proposed.Succeeded, string.Join("; ", proposed.Errors.Select(e => $"{e.Key}: {e.Value}")));
        var decision = await app.ApprovalsFor(approver).ApproveAsync(proposed.Request!.Id, "Checked against the terms; approved.");
        Assert.StartsWith("Approved and applied", decision.Outcome);
        return await app.RuleAsync(proposed.Request.JobId);
    }

    public static async Task<PlatformRule> RuleAsync(this BulkTestApp app, Guid jobId)
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        var item = await db.ChangeJobItems.AsNoTracking().SingleAsync(i => i.JobId == jobId);
        return await db.PlatformRules.AsNoTracking().SingleAsync(r => r.Id == item.SubjectId);
    }

    /// <summary>The job of a rule's first applied change, or of its latest (the test clock stands still: ordered by audit event).</summary>
    public static async Task<Guid> JobOfAsync(this BulkTestApp app, Guid ruleId, bool latest = false)
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        var items = db.ChangeJobItems.AsNoTracking().Where(i => i.SubjectId == ruleId && i.AuditSequence != null);
        return await (latest ? items.OrderByDescending(i => i.AuditSequence) : items.OrderBy(i => i.AuditSequence)).Select(i => i.JobId).FirstAsync();
    }

    public static async Task<int> RuleCountAsync(this BulkTestApp app)
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return await db.PlatformRules.CountAsync();
    }

    /// <summary>An organization that did not exist when the rule was made: tagged, with one key that uses one integration.</summary>
    public static async Task<(Guid OrganizationId, string Secret)> AddOrganizationAsync(this BulkTestApp app, string name, Tier tier, string tag,
        string integration, CredentialKind credential = CredentialKind.ApiKey)
    {
        var secret = "sk-test-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using var db = await app.Contexts.CreateDbContextAsync();
        var organization = new Organization
        {
            Id = Guid.NewGuid(), Name = name, NormalizedName = Organization.Normalize(name), Tier = tier, CreatedAt = now,
            Tags = [new OrganizationTag { Tag = tag }],
        };
        var integrationId = await db.Integrations.Where(i => i.Name == integration).Select(i => i.Id).SingleAsync();
        db.Organizations.Add(organization);
        db.ApiKeys.Add(new ApiKey
        {
            Id = Guid.NewGuid(), OrganizationId = organization.Id, Name = name.ToLowerInvariant().Replace(' ', '-') + "-prod",
            DisplayPrefix = KeyFormat.DisplayPrefixOf(secret), LastFour = KeyFormat.LastFourOf(secret), SecretHash = KeyFormat.Hash(secret),
            CredentialKind = credential, CreatedAt = now, CreatedBy = "test",
        });
        db.OrganizationIntegrations.Add(new OrganizationIntegration
        {
            Id = Guid.NewGuid(), OrganizationId = organization.Id, IntegrationId = integrationId, FirstSeenAt = now, LastSeenAt = now,
        });
        await db.SaveChangesAsync();
        return (organization.Id, secret);
    }
}
