using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Approvals;

/// <summary>Expires requests nobody decided in time: they do nothing, and their expiry is audited as the actor <c>system</c>.</summary>
public sealed class ApprovalExpiry(IDbContextFactory<AccessConsoleDbContext> contexts, TimeProvider clock, ApprovalNotifier notifier)
{
    private const int Batch = 200;

    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await db.ApprovalRequests.Where(r => r.State == ApprovalState.Pending && r.ExpiresAt <= now)
                .OrderBy(r => r.ExpiresAt).Select(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
        }
        var expired = 0;
        foreach (var id in due)
        {
            var expiredNow = await AuditLog.WriteAsync(contexts, async db =>
            {
                var request = await db.ApprovalRequests.SingleAsync(r => r.Id == id, cancellationToken);
                var isDue = await ExpireIfDueAsync(db, request, now, cancellationToken);
                return (isDue, isDue);
            }, cancellationToken);
            if (expiredNow) expired++;
        }
        if (expired > 0) notifier.Raise();
        return expired;
    }

    /// <summary>In the caller's transaction (chain locked): expires the request and its job if its time has passed.</summary>
    internal static async Task<bool> ExpireIfDueAsync(AccessConsoleDbContext db, ApprovalRequest request, DateTime now, CancellationToken ct)
    {
        if (request.State != ApprovalState.Pending || request.ExpiresAt > now) return false;
        request.State = ApprovalState.Expired;
        request.DecidedAt = now;
        var job = await db.ChangeJobs.SingleAsync(j => j.Id == request.JobId, ct);
        job.State = JobState.Expired;
        job.FinishedAt = now;
        var single = job.HasOneSubject ? await db.ChangeJobItems.SingleAsync(i => i.JobId == job.Id, ct) : null;
        var hours = (request.ExpiresAt - request.RequestedAt).TotalHours;
        await AuditLog.AppendAsync(db, [JobEvents.Of(JobEvents.Expired, Actor.System, job, single, now,
            $"Nobody decided within {hours:0.#} hours; the request expired and nothing was changed.",
            new { request = request.Id, expiredAt = request.ExpiresAt })], ct);
        return true;
    }
}
