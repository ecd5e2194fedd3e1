using System.Text.Json;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Rules;

/// <summary>
/// Applies an approved rule change: the rule and its one audit event (the rule before and after) in one transaction,
/// with the job's item enlisted in it. Gateways see it at once through the change feed and the snapshot.
/// </summary>
public sealed class RuleChangeWriter(IDbContextFactory<AccessConsoleDbContext> contexts, TimeProvider clock, AccessChangeSignal? signal = null)
{
    /// <summary>Applies the job's rule change as <paramref name="actor"/>: its author, or <c>system</c> for a change scheduled for later.</summary>
    public async Task<AccessChangeResult> ApplyAsync(ChangeJob job, ChangeJobItem item, Actor actor, IChangeEnlistment enlistment, CancellationToken ct)
    {
        var proposal = RuleProposal.FromJson(job.RuleProposal!);
        var now = clock.GetUtcNow().UtcDateTime;
        var result = await AuditLog.WriteAsync(contexts, async db =>
        {
            if (await enlistment.ClaimAsync(db, ct) is { } refusal) return (AccessChangeResult.Invalid(ChangeFields.Subject, refusal), false);
            var (rule, problem) = await GuardAsync(db, proposal.Kind, proposal.RuleId, item.ExpectedVersion, proposal.Name, proposal.Scope, ct);
            if (problem is { } p) return (AccessChangeResult.Invalid(p.Field, p.Message), false);

            var before = rule is null ? null : RuleView.Of(rule);
            var effectBefore = rule is { State: RuleState.Active } ? rule.Effect : AccessValue.Active;
            rule ??= NewRule(proposal.RuleId, now, db);
            Apply(rule, proposal, job, now);
            var effectAfter = rule.State == RuleState.Active ? rule.Effect : AccessValue.Active;

            var auditEvent = new AuditEvent(actor, now, ActionOf(proposal.Kind))
            {
                SubjectKind = nameof(SubjectKind.PlatformRule),
                SubjectId = rule.Id.ToString("D"),
                SubjectName = rule.Name,
                ReasonCode = job.ReasonCode,
                Justification = job.Justification,
                TicketReference = job.TicketReference,
                PolicyClause = job.PolicyClause,
                AccessBefore = AccessJson.Serialize(effectBefore),
                AccessAfter = AccessJson.Serialize(effectAfter),
                CorrelationId = job.Id,
                ApproverId = job.ApproverId,
                ApproverName = job.ApproverName,
                Details = DetailsOf(new RuleChangeDetails(before, RuleView.Of(rule) with { AuditSequence = null }), enlistment.EventDetails),
            };
            await AuditLog.AppendAsync(db, [auditEvent], ct);
            rule.AuditSequence = auditEvent.Sequence;
            await enlistment.RecordAsync(db, auditEvent, rule.Version, ct);
            if (rule.EndsAt is { } until)
            {
                // Saved (not committed) first: the end's scheduling event is appended after this change's event in the chain.
                await db.SaveChangesAsync(ct);
                await ScheduleEndAsync(db, rule, job, until, now, ct);
            }
            return (new AccessChangeResult { AuditSequence = auditEvent.Sequence, After = effectAfter, NewVersion = rule.Version }, true);
        }, ct);
        if (result.Succeeded) signal?.Pulse();
        return result;
    }

    /// <summary>
    /// The checks that read the database, for a proposal and again when it is applied: the rule exists at the version
    /// decided on and may take this change, its name is its own, its integration is in the catalog.
    /// </summary>
    internal static async Task<(PlatformRule? Rule, (string Field, string Message)? Problem)> GuardAsync(
        AccessConsoleDbContext db, RuleChangeKind kind, Guid? ruleId, int expectedVersion, string? name, RuleScope scope, CancellationToken ct)
    {
        PlatformRule? rule = null;
        if (kind != RuleChangeKind.Create)
        {
            rule = await db.PlatformRules.SingleOrDefaultAsync(r => r.Id == ruleId, ct);
            if (rule is null) return (null, (ChangeFields.Subject, "This rule no longer exists."));
            if (rule.Version != expectedVersion)
            {
                return (null, (ChangeFields.Version, $"The rule {rule.Name} was changed since (by {rule.AuthorName} on {rule.ChangedAt:yyyy-MM-dd HH:mm} UTC). Reload, then decide again."));
            }
            if (TransitionProblem(kind, rule.State) is { } transition) return (null, (ChangeFields.Subject, transition));
        }
        var changesTerms = kind is RuleChangeKind.Create or RuleChangeKind.Change;
        if (changesTerms)
        {
            var trimmed = name?.Trim() ?? "";
            if (await db.PlatformRules.AnyAsync(r => r.Name == trimmed && r.Id != ruleId, ct))
            {
                return (null, (RuleFields.Name, $"A rule named '{trimmed}' exists already; choose another name."));
            }
            if (scope.IntegrationId is { } integration && !await db.Integrations.AnyAsync(i => i.Id == integration, ct))
            {
                return (null, (RuleFields.Integration, "This integration is not in the catalog."));
            }
        }
        return (rule, null);
    }

    /// <summary>
    /// A rule with an end is removed by itself at that time: a removal scheduled with the change, approved with it,
    /// applied as system and skipped if the rule is changed before then (the later change decides its own end).
    /// </summary>
    private static async Task ScheduleEndAsync(AccessConsoleDbContext db, PlatformRule rule, ChangeJob job, DateTime until, DateTime now, CancellationToken ct)
    {
        var terms = new RuleChangeRequest
        {
            Kind = RuleChangeKind.Remove, RuleId = rule.Id, ExpectedVersion = rule.Version, ReasonCode = job.ReasonCode,
            Justification = $"Ends by itself: the rule's time limit ({until:yyyy-MM-dd HH:mm} UTC) passed.",
        };
        var end = ChangeJob.For(terms.AsAccessChange(), JobOrigin.Rule, job.RequestedBy, now);
        end.RuleProposal = new RuleProposal(RuleChangeKind.Remove, rule.Id, rule.Name, rule.Scope, rule.Denies, rule.Restriction).ToJson();
        end.Summary = ChangeJob.Clip($"End rule {rule.Name}", 300);
        (end.ApproverId, end.ApproverName) = (job.ApproverId, job.ApproverName);
        var item = new ChangeJobItem { SubjectKind = SubjectKind.PlatformRule, SubjectId = rule.Id, SubjectName = rule.Name, ExpectedVersion = rule.Version };
        await JobSubmission.AddAsync(db, end, [item], [], TimeSpan.Zero, now, ct, until);
    }

    private static string? TransitionProblem(RuleChangeKind kind, RuleState state) => (kind, state) switch
    {
        (_, RuleState.Removed) => "This rule was removed; propose a new one instead.",
        (RuleChangeKind.Suspend, RuleState.Suspended) => "This rule is suspended already.",
        (RuleChangeKind.Resume, RuleState.Active) => "This rule is in force already.",
        _ => null,
    };

    private static PlatformRule NewRule(Guid id, DateTime now, AccessConsoleDbContext db)
    {
        var rule = new PlatformRule { Id = id, CreatedAt = now, Version = 0 };
        db.PlatformRules.Add(rule);
        return rule;
    }

    private static void Apply(PlatformRule rule, RuleProposal proposal, ChangeJob job, DateTime now)
    {
        if (proposal.Kind is RuleChangeKind.Create or RuleChangeKind.Change)
        {
            rule.Name = proposal.Name.Trim();
            rule.Scope = proposal.Scope;
            rule.Denies = proposal.Denies;
            rule.Restriction = proposal.Denies ? null : proposal.Restriction;
        }
        rule.State = proposal.Kind switch
        {
            RuleChangeKind.Suspend => RuleState.Suspended,
            RuleChangeKind.Remove => RuleState.Removed,
            _ => RuleState.Active,
        };
        // Every change decides the end anew: the removal scheduled for an earlier end is skipped once the version moves on.
        rule.EndsAt = rule.State == RuleState.Active ? job.Until : null;
        rule.Version++;
        rule.ReasonCode = job.ReasonCode;
        rule.Justification = job.Justification;
        rule.AuthorId = job.RequestedById;
        rule.AuthorName = job.RequestedByName;
        rule.ApproverId = job.ApproverId;
        rule.ApproverName = job.ApproverName;
        rule.ChangedAt = now;
    }

    /// <summary>The rule before and after, with the facts the job adds (what scheduled it) beside them.</summary>
    private static string DetailsOf(RuleChangeDetails change, object? more)
    {
        var details = JsonSerializer.SerializeToNode(change, AccessSubjectConfiguration.Json)!.AsObject();
        if (more is not null)
        {
            foreach (var (name, value) in JsonSerializer.SerializeToNode(more, AccessSubjectConfiguration.Json)!.AsObject().ToList())
            {
                details[name] = value?.DeepClone();
            }
        }
        return details.ToJsonString(AccessSubjectConfiguration.Json);
    }

    public static string ActionOf(RuleChangeKind kind) => "rule." + kind.ToString().ToLowerInvariant();
}
