using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.Notices;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Approvals;

/// <summary>
/// A single change as the dialog submits it: made at once, scheduled for later, or, when a rule asks for a second
/// person, a request (which keeps its time when it has one).
/// </summary>
public sealed record GatedChange(AccessChangeResult Result, ApprovalRequest? Request = null, DateTime? TakesEffectAt = null)
{
    public bool SentForApproval => Request is not null;

    public bool Scheduled => TakesEffectAt is not null && Result.Succeeded;
}

/// <summary>
/// The change dialog's way in: a change that needs no approval goes to <see cref="AccessChangeService"/> unchanged;
/// one that needs approval or takes effect later is checked as that service would check it, then kept as a
/// one-subject job: a request, a scheduled change, or both. Approval rules apply when the change is scheduled. A
/// notice is sent when the change is scheduled; a request's waits for approval (<see cref="ApprovalService"/>).
/// </summary>
public sealed class ApprovalGate(
    IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock, AccessChangeService changes, ApprovalRules rules,
    ApprovalNotifier notifier, ScheduleSignal? scheduled = null)
{
    public async Task<GatedChange> SubmitAsync(AccessChangeRequest request, DateTime? takesEffect = null, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ChangeAccess);
        var needed = await rules.NeededForAsync(contexts, request, cancellationToken);
        // Authorized above and found to need no approval: made at once, without asking both again.
        if (needed.Count == 0 && takesEffect is null) return new(await changes.ApplyAsync(request, actor, approver: null, cancellationToken));

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = AccessChangeValidator.Validate(request, now);
        ScheduleRules.Check(errors, takesEffect, request.Until, now);
        if (errors.Count > 0) return new(AccessChangeResult.Invalid(errors));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (refusal, jobId, approval) = await AuditLog.WriteAsync<(AccessChangeResult? Refusal, Guid JobId, ApprovalRequest? Approval)>(db, async () =>
        {
            var (passed, refused) = await AccessChangeService.GuardAsync(db, request, isTimedLift: false, cancellationToken);
            if (passed is null) return ((refused, default, null), false);
            NoticeOutbox.Prepared? notice = null;
            if (request.Notice is { } wanted)
            {
                // A request's notice is checked now and kept with it; it is written once the change is approved.
                var change = new NoticeChange(request.Subject, request.ReasonCode, passed.Decision.After!, takesEffect, request.Until, request.PolicyClause);
                (notice, var noticeRefusal) = await NoticeOutbox.PrepareAsync(db, passed.Subject.OrganizationId, wanted, change, null, now, cancellationToken);
                if (noticeRefusal is not null) return ((AccessChangeResult.Invalid(NoticeOutbox.Field, noticeRefusal), default, null), false);
            }

            var subject = passed.Subject;
            var job = ChangeJob.For(request, JobOrigin.Single, actor, now);
            job.Summary = ChangeJob.Clip($"{request.Kind} {subject.Name}", 300);
            var item = new ChangeJobItem
            {
                SubjectKind = subject.Ref.Kind, SubjectId = subject.Ref.Id, SubjectName = subject.Name,
                OrganizationId = subject.OrganizationId, OrganizationName = subject.OrganizationName, ExpectedVersion = request.ExpectedVersion,
            };
            var approval = await JobSubmission.AddAsync(db, job, [item], needed, rules.RequestLifetime, now, cancellationToken, takesEffect,
                needed.Count == 0 ? notice : null);
            return ((null, job.Id, approval), true);
        }, cancellationToken);
        if (refusal is not null) return new(refusal);
        if (approval is null) scheduled?.Pulse();
        else notifier.Raise();
        var scheduling = db.ScheduledChanges.Local.FirstOrDefault(s => s.JobId == jobId)?.SchedulingSequence;
        return new(new AccessChangeResult { AuditSequence = scheduling }, approval, takesEffect);
    }
}
