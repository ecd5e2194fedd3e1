using AccessConsole.Web.Shared;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.Notices;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Approvals;

/// <summary>
/// Lists requests and decides them. Another account manager or admin approves or rejects with a comment; the
/// requester never decides their own; a request past its time expires instead. Every decision is audited, and an
/// approved change runs with the approver recorded on its events.
/// </summary>
public sealed class ApprovalService(
    IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock,
    ApprovalExpiry expiry, ChangeJobRunner runner, ChangeJobSignal signal, ApprovalNotifier notifier, ScheduleSignal? scheduled = null)
{
    public const int CommentMax = 1000;

    public async Task<ApprovalPage> ListAsync(ApprovalTab tab, int skip, int take, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ChangeAccess);
        await expiry.ExpireDueAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var requests = tab switch
        {
            ApprovalTab.Pending => db.ApprovalRequests.Where(r => r.State == ApprovalState.Pending && r.ExpiresAt > now).OrderBy(r => r.ExpiresAt),
            ApprovalTab.Mine => db.ApprovalRequests.Where(r => r.RequestedById == actor.Id).OrderByDescending(r => r.RequestedAt),
            _ => db.ApprovalRequests.Where(r => r.State != ApprovalState.Pending).OrderByDescending(r => r.DecidedAt),
        };
        var total = await requests.CountAsync(cancellationToken);
        var rows = await requests.ThenBy(r => r.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 100))
            .Join(db.ChangeJobs, r => r.JobId, j => j.Id, (r, j) => new ApprovalRow(
                r.Id, r.JobId, j.Origin, r.Summary, r.Rules, r.RequestedByName, r.RequestedById == actor.Id, r.RequestedAt, r.ExpiresAt,
                r.State, r.DecidedByName, r.DecidedAt, r.Comment, j.State, j.Total, j.Changed, j.NotChanged))
            .ToListAsync(cancellationToken);
        return new ApprovalPage(rows, total);
    }

    public async Task<ApprovalDecision> ApproveAsync(Guid requestId, string? comment, CancellationToken cancellationToken = default)
    {
        var decision = await DecideAsync(requestId, comment, approve: true, cancellationToken);
        if (decision.Job is not { } job) return decision.Answer;
        if (job.State == JobState.Scheduled)
        {
            scheduled?.Pulse();
            return decision.Answer;
        }
        signal.Pulse();
        return job.HasOneSubject ? await ApplySingleAsync(job.Id, cancellationToken) : decision.Answer;
    }

    public async Task<ApprovalDecision> RejectAsync(Guid requestId, string? comment, CancellationToken cancellationToken = default) =>
        (await DecideAsync(requestId, comment, approve: false, cancellationToken)).Answer;

    private async Task<(ApprovalDecision Answer, ChangeJob? Job)> DecideAsync(Guid requestId, string? comment, bool approve, CancellationToken ct)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ChangeAccess);
        if (CommentProblem(comment) is { } problem) return (ApprovalDecision.Refused(DecisionFields.Comment, problem), null);

        var now = clock.GetUtcNow().UtcDateTime;
        var (answer, decidedJob, written) = await AuditLog.WriteAsync<(ApprovalDecision Answer, ChangeJob? Job, bool Written)>(contexts, async db =>
        {
            var request = await db.ApprovalRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
            if (request is null) return ((ApprovalDecision.Refused(DecisionFields.Request, "There is no such request."), null, false), false);
            if (await ApprovalExpiry.ExpireIfDueAsync(db, request, now, ct))
            {
                // The expiry is written; the decision is refused.
                return ((ApprovalDecision.Refused(DecisionFields.Request, $"This request expired at {request.ExpiresAt:yyyy-MM-dd HH:mm} UTC; nothing was changed."), null, true), true);
            }
            if (request.State != ApprovalState.Pending)
            {
                return ((ApprovalDecision.Refused(DecisionFields.Request, $"This request is {request.State.ToString().ToLowerInvariant()} already{(request.DecidedByName is { } by ? $" (by {by})" : "")}."), null, false), false);
            }
            if (request.RequestedById == actor.Id)
            {
                return ((ApprovalDecision.Refused(DecisionFields.Request, "You asked for this change: another account manager or admin must decide it."), null, false), false);
            }

            var job = await db.ChangeJobs.SingleAsync(j => j.Id == request.JobId, ct);
            var single = job.HasOneSubject ? await db.ChangeJobItems.SingleAsync(i => i.JobId == job.Id, ct) : null;
            request.State = approve ? ApprovalState.Approved : ApprovalState.Rejected;
            request.DecidedById = actor.Id;
            request.DecidedByName = actor.Name;
            request.DecidedAt = now;
            request.Comment = comment!.Trim();
            // An approved scheduled change keeps its time; one whose time passed while it waited applies now, never retroactively.
            var takesEffect = await db.ScheduledChanges.Where(s => s.JobId == job.Id).Select(s => (DateTime?)s.TakesEffectAt).SingleOrDefaultAsync(ct);
            var waits = takesEffect > now;
            job.State = !approve ? JobState.Rejected : waits ? JobState.Scheduled : JobState.Queued;
            if (approve) (job.ApproverId, job.ApproverName) = (actor.Id, actor.Name);
            else job.FinishedAt = now;
            var decided = JobEvents.Of(approve ? JobEvents.Approved : JobEvents.Rejected, actor, job, single, now, request.Comment,
                new { request = request.Id }, approver: approve ? actor : null);
            // A scheduled change gives its notice at approval, as warning (a bulk change only when its time is still ahead: one
            // that runs now sends each organization's with its change); a change not scheduled sends it with the change.
            var notice = approve && single is not null && takesEffect is { } at ? await AdvanceNotices.ForOneSubjectAsync(db, job, single, at, now, ct) : null;
            if (notice is not null) decided.Details = NoticeOutbox.WithNotice(decided.Details, notice);
            await AuditLog.AppendAsync(db, [decided], ct);
            if (notice is not null) NoticeOutbox.Add(db, notice, decided);
            var noticed = notice?.Message is null ? 0 : 1;
            if (approve && single is null && waits)
            {
                var items = await db.ChangeJobItems.AsNoTracking().Where(i => i.JobId == job.Id).OrderBy(i => i.Position).ToListAsync(ct);
                noticed = await AdvanceNotices.ForOrganizationsAsync(db, job, items, decided, takesEffect!.Value, now, ct);
            }

            var what = job.HasOneSubject ? "the change" : $"the change of {job.Total:N0} subjects";
            var outcome = !approve ? "Rejected: nothing was changed."
                : waits ? $"Approved: {what} takes effect at {takesEffect:yyyy-MM-dd HH:mm} UTC, as scheduled."
                : takesEffect is { } passed ? $"Approved: {what} was scheduled for {passed:yyyy-MM-dd HH:mm} UTC, which passed while it waited; it takes effect now, not retroactively."
                : $"Approved: {what} runs now.";
            return ((ApprovalDecision.Done(outcome + NoticesSent(noticed, job.HasOneSubject)), approve ? job : null, true), true);
        }, ct);
        if (written) notifier.Raise();
        return (answer, decidedJob);
    }

    private static string NoticesSent(int count, bool oneSubject) => count switch
    {
        0 => "",
        1 when oneSubject => " Its notice to the customer was sent now.",
        1 => " Its notice was sent now to 1 organization.",
        _ => $" Its notices were sent now to {count:N0} organizations.",
    };

    /// <summary>An approved single change is applied at once, so that the approver sees its outcome.</summary>
    private async Task<ApprovalDecision> ApplySingleAsync(Guid jobId, CancellationToken ct)
    {
        try
        {
            await runner.RunAsync(jobId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ApprovalDecision.Done($"Approved. Applying it failed for now ({e.Message}); it is retried by itself.");
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var item = await db.ChangeJobItems.AsNoTracking().SingleAsync(i => i.JobId == jobId, ct);
        var late = await db.ScheduledChanges.Where(s => s.JobId == jobId).Select(s => (DateTime?)s.TakesEffectAt).SingleOrDefaultAsync(ct) is { } at
            ? $" It was scheduled for {at:yyyy-MM-dd HH:mm} UTC, which passed while it waited for approval: it took effect now, not retroactively."
            : "";
        return ApprovalDecision.Done(item.Outcome switch
        {
            ItemOutcome.Changed => $"Approved and applied: {item.SubjectName} changed.{late}",
            ItemOutcome.NotChanged => $"Approved, but not applied: {item.Message}",
            _ => "Approved: the change is being applied.",
        });
    }

    private static string? CommentProblem(string? comment)
    {
        var text = comment?.Trim() ?? "";
        if (text.Length == 0) return "Write a comment for the record.";
        if (text.Length > CommentMax) return $"Keep it to {CommentMax:N0} characters (it has {text.Length:N0}).";
        return FreeText.Problem(text, multiline: true);
    }
}
