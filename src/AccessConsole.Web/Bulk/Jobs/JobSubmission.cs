using AccessConsole.Web.Approvals;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Shared;

namespace AccessConsole.Web.Bulk.Jobs;

/// <summary>Adds a new job to the caller's transaction: queued, or held back with an approval request when rules ask for one.</summary>
public static class JobSubmission
{
    /// <summary>Answers the approval request, or null when the job is queued to run.</summary>
    public static async Task<ApprovalRequest?> AddAsync(AccessConsoleDbContext db, ChangeJob job, IReadOnlyList<ChangeJobItem> items,
        IReadOnlyList<string> rules, TimeSpan requestLifetime, DateTime now, CancellationToken ct)
    {
        foreach (var item in items) item.JobId = job.Id;
        job.Total = items.Count;
        job.State = rules.Count > 0 ? JobState.AwaitingApproval : JobState.Queued;
        db.ChangeJobs.Add(job);
        db.ChangeJobItems.AddRange(items);
        var single = job.HasOneSubject ? items[0] : null;

        if (rules.Count == 0)
        {
            await AuditLog.AppendAsync(db, [JobEvents.Of(JobEvents.Submitted, job.RequestedBy, job, single, now, job.Justification, JobEvents.Definition(job))], ct);
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
        var details = new { request = request.Id, rules, expiresAt = request.ExpiresAt, definition = JobEvents.Definition(job) };
        await AuditLog.AppendAsync(db, [JobEvents.Of(JobEvents.ApprovalRequested, job.RequestedBy, job, single, now, job.Justification, details)], ct);
        return request;
    }
}
