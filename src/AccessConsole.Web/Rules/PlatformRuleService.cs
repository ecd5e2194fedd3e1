using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;
using AccessConsole.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Rules;

/// <summary>A proposal's outcome: the request waiting for a second person, or messages per field and nothing written.</summary>
public sealed record RuleProposalResult(IReadOnlyDictionary<string, string> Errors, ApprovalRequest? Request = null)
{
    public bool Succeeded => Errors.Count == 0;

    public static RuleProposalResult Invalid(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}

/// <summary>One event of a rule's history.</summary>
public sealed record RuleHistoryItem(long Sequence, DateTime OccurredAt, string Action, string ActorName, string? ApproverName, string? ReasonCode, string? Justification);

/// <summary>A rule's page: the rule, its history (newest first) and the requests about it still waiting.</summary>
public sealed record RuleDetail(RuleRow Row, IReadOnlyList<RuleHistoryItem> History, IReadOnlyList<ApprovalRequest> Pending);

/// <summary>A rule change as asked for: the rule it is about (which a proposed rule does not have yet) and where it stands.</summary>
public sealed record RuleRequestView(Guid RuleId, bool RuleExists, string Summary, string RequestedByName, JobState State, DateTime? TakesEffectAt,
    string? ApproverName = null, long? SchedulingSequence = null, DateTime? Until = null);

/// <summary>
/// Platform rules are proposed here and nowhere else: guard clauses, then the proposal kept as a job held back by an
/// approval request (a rule change always needs a second person), then applied by <see cref="RuleChangeWriter"/>
/// once another account manager or admin approves it on the Approvals page.
/// </summary>
public sealed class PlatformRuleService(
    IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock, ApprovalRules approvals, ApprovalNotifier notifier)
{
    public const int NameMin = 3;
    public const int NameMax = 200;
    public const string AlwaysApproved = "a platform rule change (every one is approved by a second person)";

    public async Task<RuleProposalResult> ProposeAsync(RuleChangeRequest request, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ChangeAccess);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = Validate(request, now);
        if (errors.Count > 0) return new(errors);

        var ruleId = request.RuleId ?? NewIds.Next();
        var result = await AuditLog.WriteAsync(contexts, async db =>
        {
            var (reason, reasonRefusal) = await AccessChangeService.ReasonAsync(db, request.ReasonCode, allowRetired: false, cancellationToken);
            if (reason is null) return (new RuleProposalResult(reasonRefusal!.Errors), false);
            if (request.CarriesTerms && await AccessChangeService.ClientsRefusalAsync(db, request.Restriction, cancellationToken) is { } clients)
            {
                return (new RuleProposalResult(clients.Errors), false);
            }
            var (rule, problem) = await RuleChangeWriter.GuardAsync(db, request.Kind, request.RuleId, request.ExpectedVersion, request.Name, request.Scope, cancellationToken);
            if (problem is { } p) return (RuleProposalResult.Invalid(p.Field, p.Message), false);

            var proposal = request.CarriesTerms
                ? new RuleProposal(request.Kind, ruleId, request.Name!.Trim(), request.Scope, request.Denies, request.Denies ? null : request.Restriction)
                : new RuleProposal(request.Kind, ruleId, rule!.Name, rule.Scope, rule.Denies, rule.Restriction);
            var job = ChangeJob.For(request.AsAccessChange(), JobOrigin.Rule, actor, now);
            job.RuleProposal = proposal.ToJson();
            job.Summary = ChangeJob.Clip($"{request.Kind} rule {proposal.Name}", 300);
            var item = new ChangeJobItem
            {
                SubjectKind = SubjectKind.PlatformRule, SubjectId = ruleId, SubjectName = proposal.Name, ExpectedVersion = rule?.Version ?? 0,
            };
            var approval = await JobSubmission.AddAsync(db, job, [item], [AlwaysApproved], approvals.RequestLifetime, now, cancellationToken, request.TakesEffectAt);
            return (new RuleProposalResult(new Dictionary<string, string>(), approval), true);
        }, cancellationToken);
        if (result.Succeeded) notifier.Raise();
        return result;
    }

    /// <summary>Every rule, in force first; anyone who may see customers may read them.</summary>
    public async Task<IReadOnlyList<RuleRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.PlatformRules.AsNoTracking().ToListAsync(cancellationToken);
        var names = await IntegrationNamesAsync(db, cancellationToken);
        var waiting = await ScheduledRuleChanges.WaitingAsync(db, clock.GetUtcNow().UtcDateTime, null, cancellationToken);
        var existing = rules.Select(r => r.Id).ToHashSet();
        var creations = waiting.Where(c => c.Kind == RuleChangeKind.Create && !existing.Contains(c.Proposal.RuleId))
            .Select(c => new RuleRow(c.ProposedRule, ScopeText(c.Proposal.Scope, names), [], c));
        return rules.Select(r => Row(r, names, waiting)).Concat(creations).OrderBy(r => r.Order).ThenBy(r => r.Rule.Name).ToList();
    }

    public async Task<RuleDetail?> GetAsync(Guid ruleId, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.PlatformRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ruleId, cancellationToken);
        if (rule is null) return null;
        var id = ruleId.ToString("D");
        var history = await db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectKind == nameof(SubjectKind.PlatformRule) && e.SubjectId == id)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new RuleHistoryItem(e.Sequence, e.OccurredAt, e.Action, e.ActorName, e.ApproverName, e.ReasonCode, e.Justification))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.ApprovalRequests.AsNoTracking()
            .Where(r => r.State == ApprovalState.Pending && r.ExpiresAt > now
                && db.ChangeJobItems.Any(i => i.JobId == r.JobId && i.SubjectKind == SubjectKind.PlatformRule && i.SubjectId == ruleId))
            .OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
        var waiting = await ScheduledRuleChanges.WaitingAsync(db, now, ruleId, cancellationToken);
        return new RuleDetail(Row(rule, await IntegrationNamesAsync(db, cancellationToken), waiting), history, pending);
    }

    /// <summary>The rule change a job holds (null: the job is no rule change).</summary>
    public async Task<RuleRequestView?> RequestAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ChangeJobs.AsNoTracking().Where(j => j.Id == jobId && j.Origin == JobOrigin.Rule)
            .Join(db.ChangeJobItems, j => j.Id, i => i.JobId, (j, i) => new RuleRequestView(
                i.SubjectId, db.PlatformRules.Any(r => r.Id == i.SubjectId), j.Summary, j.RequestedByName, j.State,
                db.ScheduledChanges.Where(s => s.JobId == j.Id).Select(s => (DateTime?)s.TakesEffectAt).FirstOrDefault(),
                j.ApproverName,
                db.ScheduledChanges.Where(s => s.JobId == j.Id).Select(s => (long?)s.SchedulingSequence).FirstOrDefault(),
                j.Until))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>What a rule of this scope would have denied or restricted over the last 30 days (null: no scope yet).</summary>
    public async Task<RuleImpact?> ImpactAsync(RuleScope scope, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        if (scope.IsEmpty) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RuleImpacts.OfAsync(db, scope, clock.GetUtcNow().UtcDateTime.Date, cancellationToken);
    }

    private static RuleRow Row(PlatformRule rule, IReadOnlyDictionary<Guid, string> names, IReadOnlyList<ScheduledRuleChange> waiting) =>
        new(RuleView.Of(rule), ScopeText(rule.Scope, names), ScheduledRuleChanges.Of(rule, waiting));

    private static string ScopeText(RuleScope scope, IReadOnlyDictionary<Guid, string> names) =>
        RuleText.Describe(scope, id => names.GetValueOrDefault(id) ?? id.ToString());

    private static async Task<Dictionary<Guid, string>> IntegrationNamesAsync(AccessConsoleDbContext db, CancellationToken ct) =>
        await db.Integrations.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);

    /// <summary>A change's own fields, before anything is read: each problem at its field.</summary>
    public static Dictionary<string, string> Validate(RuleChangeRequest request, DateTime now)
    {
        var errors = AccessChangeValidator.Validate(request.AsAccessChange(), now);
        ScheduleRules.Check(errors, request.TakesEffectAt, request.Until, now);
        if (request.Kind != RuleChangeKind.Create && request.RuleId is null) errors[ChangeFields.Subject] = "Choose the rule to change.";
        if (request.Kind == RuleChangeKind.Create && request.RuleId is not null) errors[ChangeFields.Subject] = "A new rule gets its id when it is proposed.";
        if (!request.CarriesTerms) return errors;

        var name = request.Name?.Trim() ?? "";
        if (name.Length < NameMin) errors[RuleFields.Name] = $"Name the rule in at least {NameMin} characters.";
        else if (name.Length > NameMax) errors[RuleFields.Name] = $"Keep the name to {NameMax} characters (it has {name.Length:N0}).";
        else if (FreeText.Problem(name) is { } problem) errors[RuleFields.Name] = problem;

        if (request.Scope.IsEmpty) errors[RuleFields.Scope] = "Choose whom the rule covers: tags, tiers, an integration or third-party clients, or a credential kind.";
        if (request.Scope.IntegrationId is not null && request.Scope.ThirdPartyClients)
        {
            errors[RuleFields.Integration] = "Choose one integration or every third-party client, not both.";
        }
        if (request.Scope.Tags?.FirstOrDefault(t => t.Length > 64 || FreeText.Problem(t) is not null) is { } tag)
        {
            errors[RuleFields.Tags] = $"The tag '{(tag.Length > 64 ? tag[..64] + "…" : tag)}' is not a tag: at most 64 plain characters.";
        }
        return errors;
    }
}
