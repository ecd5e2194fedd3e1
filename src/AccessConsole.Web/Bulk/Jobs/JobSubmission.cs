using AccessConsole.Web.Approvals;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Notices;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Shared;

namespace AccessConsole.Web.Bulk.Jobs;

/// <summary>
/// Adds a new job to the caller's transaction: queued, scheduled for a later time, or held back with an approval
/// request when rules ask for one (approval is decided now; the time is kept).
/// </summary>
public static class JobSubmission
{
    /// <summary>
    /// Answers the approval request, or null when the job is queued or scheduled to run. A notice, when given, is sent
    /// now: it announces the change ahead of its time, recorded in the event that submits or schedules it. A scheduled
    /// bulk change with notice sends one to each organization of its subjects now too, each in an event of its own.
    /// A request sends nothing: the job keeps its notice, sent once approved.
    /// </summary>
    public static async Task<ApprovalRequest?> AddAsync(AccessConsoleDbContext db, ChangeJob job, IReadOnlyList<ChangeJobItem> items,
        IReadOnlyList<string> rules, TimeSpan requestLifetime, DateTime now, CancellationToken ct, DateTime? takesEffect = null,
        NoticeOutbox.Prepared? notice = null)
    {
        if (notice is not null && rules.Count > 0) throw new InvalidOperationException("A request keeps its notice in its job, sent once approved: none is written with it.");
        foreach (var item in items) item.JobId = job.Id;
        job.Total = items.Count;
        job.State = rules.Count > 0 ? JobState.AwaitingApproval : takesEffect is null ? JobState.Queued : JobState.Scheduled;
        db.ChangeJobs.Add(job);
        db.ChangeJobItems.AddRange(items);
        var single = job.HasOneSubject ? items[0] : null;

        if (rules.Count == 0)
        {
            var submitted = JobEvents.Of(takesEffect is null ? JobEvents.Submitted : JobEvents.Scheduled, job.RequestedBy, job, single, now,
                job.Justification, JobEvents.Definition(job, takesEffect));
            if (notice is not null) submitted.Details = NoticeOutbox.WithNotice(submitted.Details, notice);
            await AuditLog.AppendAsync(db, [submitted], ct);
            if (notice is not null) NoticeOutbox.Add(db, notice, submitted);
            if (takesEffect is { } at) await AdvanceNotices.ForOrganizationsAsync(db, job, items, submitted, at, now, ct);
            Schedule(db, job, takesEffect, submitted);
            return null;
        }
        var why = string.Join("; ", rules);
        var request = new ApprovalRequest
        {
            Id = NewIds.Next(),
            JobId = job.Id,
            Summary = job.Summary,
            Rules = ChangeJob.Clip(why, 1000),
            RequestedById = job.RequestedById,
            RequestedByName = job.RequestedByName,
            RequestedAt = now,
            ExpiresAt = now + requestLifetime,
            State = ApprovalState.Pending,
        };
        db.ApprovalRequests.Add(request);
        var details = new { request = request.Id, rules, expiresAt = request.ExpiresAt, definition = JobEvents.Definition(job, takesEffect) };
        var requested = JobEvents.Of(JobEvents.ApprovalRequested, job.RequestedBy, job, single, now, job.Justification, details);
        await AuditLog.AppendAsync(db, [requested], ct);
        Schedule(db, job, takesEffect, requested);
        return request;
    }

    private static void Schedule(AccessConsoleDbContext db, ChangeJob job, DateTime? takesEffect, AuditEvent scheduling)
    {
        if (takesEffect is not { } at) return;
        db.ScheduledChanges.Add(new ScheduledChange { JobId = job.Id, TakesEffectAt = at, SchedulingSequence = scheduling.Sequence });
    }
}
