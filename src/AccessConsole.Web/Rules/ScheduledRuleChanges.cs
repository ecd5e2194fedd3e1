using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Rules;

/// <summary>
/// A rule change that takes effect at a later time, approved or still waiting for approval. <see cref="ExpectedVersion"/>
/// is the rule's version it was decided on (a change made to the rule since makes it skipped at its time);
/// <see cref="IsEnd"/>: the removal a change with an Until scheduled by itself, with no request of its own.
/// </summary>
public sealed record ScheduledRuleChange(
    Guid JobId, RuleProposal Proposal, DateTime TakesEffectAt, DateTime? Until, string ReasonCode, string RequestedByName, string? ApproverName,
    bool Approved, DateTime ProposedAt, long SchedulingSequence, int ExpectedVersion, bool IsEnd)
{
    public RuleChangeKind Kind => Proposal.Kind;

    /// <summary>The rule was changed after this change was decided on: at its time it is skipped.</summary>
    public bool Outdated { get; init; }

    public string Text => $"scheduled: {Kind.ToString().ToLowerInvariant()} at {TakesEffectAt:yyyy-MM-dd HH:mm} UTC, by {RequestedByName}"
        + (Approved ? $", approved by {ApproverName}" : " (awaiting approval)")
        + (Outdated ? "; it will be skipped, as the rule was changed since" : "");

    /// <summary>A rule not created yet, as its proposal describes it.</summary>
    public RuleView ProposedRule => new(Proposal.RuleId, Proposal.Name, RuleState.Active, Proposal.Scope, Proposal.Denies,
        Proposal.Denies ? null : Proposal.Restriction, 0, ReasonCode, RequestedByName, Approved ? ApproverName : null, ProposedAt, SchedulingSequence, Until);
}

public static class ScheduledRuleChanges
{
    /// <summary>
    /// The rule changes waiting for their time (of one rule, or of all), in one query over the scheduled changes and
    /// their jobs: approved ones, and those whose request may still be approved. A change leaves the list when it is
    /// applied (or skipped), cancelled, rejected or expires, as its job leaves these two states.
    /// </summary>
    public static async Task<IReadOnlyList<ScheduledRuleChange>> WaitingAsync(AccessConsoleDbContext db, DateTime now, Guid? ruleId, CancellationToken ct)
    {
        var jobs = db.ChangeJobs.Where(j => j.Origin == JobOrigin.Rule && (j.State == JobState.Scheduled
            || (j.State == JobState.AwaitingApproval && db.ApprovalRequests.Any(r => r.JobId == j.Id && r.State == ApprovalState.Pending && r.ExpiresAt > now))));
        var items = ruleId is { } id ? db.ChangeJobItems.Where(i => i.SubjectId == id) : db.ChangeJobItems;
        var rows = await db.ScheduledChanges.AsNoTracking()
            .Join(jobs, s => s.JobId, j => j.Id, (s, j) => new { s, j })
            .Join(items, x => x.j.Id, i => i.JobId, (x, i) => new
            {
                x.j.Id, x.j.RuleProposal, x.s.TakesEffectAt, x.j.Until, x.j.ReasonCode, x.j.RequestedByName, x.j.ApproverName, x.j.State, x.j.CreatedAt,
                x.s.SchedulingSequence, i.ExpectedVersion, IsEnd = !db.ApprovalRequests.Any(r => r.JobId == x.j.Id),
            })
            .ToListAsync(ct);
        return rows
            .Select(r => new ScheduledRuleChange(r.Id, RuleProposal.FromJson(r.RuleProposal!), r.TakesEffectAt, r.Until, r.ReasonCode, r.RequestedByName,
                r.ApproverName, r.State == JobState.Scheduled, r.CreatedAt, r.SchedulingSequence, r.ExpectedVersion, r.IsEnd))
            .OrderBy(c => c.TakesEffectAt).ThenBy(c => c.SchedulingSequence)
            .ToList();
    }

    /// <summary>
    /// The changes shown on an existing rule: its own end is shown as the rule's end (<see cref="PlatformRule.EndsAt"/>),
    /// and an end the rule has outgrown (changed since) will be skipped, so neither is listed as a change.
    /// </summary>
    public static IReadOnlyList<ScheduledRuleChange> Of(PlatformRule rule, IEnumerable<ScheduledRuleChange> waiting) =>
        waiting.Where(c => c.Proposal.RuleId == rule.Id && c.Kind != RuleChangeKind.Create
                && !(c.IsEnd && (c.ExpectedVersion != rule.Version || c.TakesEffectAt == rule.EndsAt)))
            .Select(c => c with { Outdated = c.ExpectedVersion != rule.Version }).ToList();
}
