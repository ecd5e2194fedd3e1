using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Bulk;

/// <summary>Reads jobs, their subjects and progress; undoes a bulk change as a whole, as a new job of its own.</summary>
public sealed class BulkJobService(
    IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock, ApprovalRules approvals, ChangeJobSignal signal)
{
    /// <summary>A page of bulk changes, newest first unless sorted by one of <see cref="JobSorts"/>.</summary>
    public async Task<JobPage> ListAsync(int skip, int take, string? sortBy = null, bool descending = false, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ChangeAccess);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var jobs = db.ChangeJobs.Where(j => j.Origin != JobOrigin.Single && j.Origin != JobOrigin.Rule);
        var rows = await JobSorts.Apply(jobs, sortBy, descending).ThenBy(j => j.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 100)).Select(Row).ToListAsync(cancellationToken);
        return new JobPage(rows, await jobs.CountAsync(cancellationToken));
    }

    public async Task<JobDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ChangeAccess);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.ChangeJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null) return null;
        var approval = await db.ApprovalRequests.Where(r => r.JobId == id)
            .Select(r => new JobApproval(r.Id, r.State, r.Rules, r.ExpiresAt, r.DecidedByName, r.DecidedAt, r.Comment))
            .SingleOrDefaultAsync(cancellationToken);
        var undoneBy = await db.ChangeJobs.Where(j => j.UndoesJobId == id).OrderByDescending(j => j.CreatedAt)
            .Select(j => (Guid?)j.Id).FirstOrDefaultAsync(cancellationToken);
        var label = await db.ReasonCodes.Where(r => r.Code == job.ReasonCode).Select(r => r.Label).SingleOrDefaultAsync(cancellationToken);
        return new JobDetails(RowOf(job), job.Change, job.ReasonCode, label, job.Justification, job.TicketReference, job.PolicyClause,
            job.Until, job.Restriction, job.RestoreFullAccess, job.UndoesJobId, undoneBy, approval, await UndoProblemAsync(db, job, cancellationToken),
            await db.ScheduledChanges.AsNoTracking().SingleOrDefaultAsync(s => s.JobId == id, cancellationToken), job.Notice);
    }

    /// <summary>A page of a job's subjects, in the job's order unless sorted by one of <see cref="JobSorts"/>.</summary>
    public async Task<JobItemPage> ItemsAsync(Guid jobId, int skip, int take, string? sortBy = null, bool descending = false, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ChangeAccess);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = db.ChangeJobItems.Where(i => i.JobId == jobId);
        var rows = await JobSorts.Apply(items, sortBy, descending).ThenBy(i => i.Position).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 100))
            .Select(i => new JobItemRow(i.Position, i.SubjectKind, i.SubjectId, i.SubjectName, i.OrganizationId, i.Outcome, i.Message, i.AuditSequence, i.ProcessedAt))
            .ToListAsync(cancellationToken);
        return new JobItemPage(rows, await items.CountAsync(cancellationToken));
    }

    /// <summary>
    /// Restores every subject the bulk change changed to the access it had before, as a new job with its own
    /// correlation id. Each subject names the version the bulk change left it at: one changed since is left alone.
    /// </summary>
    public async Task<BulkSubmitResult> UndoAsync(Guid jobId, string? reasonCode, string? justification, string? ticket, string? policyClause,
        CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ChangeAccess);
        var now = clock.GetUtcNow().UtcDateTime;
        var terms = new AccessChangeRequest
        {
            Subject = default, Kind = ChangeKind.Restore, ExpectedVersion = 0,
            ReasonCode = reasonCode, Justification = justification, TicketReference = ticket, PolicyClause = policyClause,
        };
        var errors = AccessChangeValidator.Validate(terms, now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!errors.ContainsKey(ChangeFields.Reason) && (await AccessChangeService.ReasonAsync(db, terms.ReasonCode, false, cancellationToken)).Refusal is { } refusal)
        {
            errors[ChangeFields.Reason] = refusal.Errors[ChangeFields.Reason];
        }
        if (errors.Count > 0) return BulkSubmitResult.Invalid(errors);

        var result = await AuditLog.WriteAsync(db, async () =>
        {
            var job = await db.ChangeJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
            if (await UndoProblemAsync(db, job, cancellationToken) is { } problem) return (BulkSubmitResult.Invalid(ChangeFields.Subject, problem), false);

            var changed = await db.ChangeJobItems.AsNoTracking().Where(i => i.JobId == jobId && i.Outcome == ItemOutcome.Changed)
                .OrderBy(i => i.Position).ToListAsync(cancellationToken);
            var rules = approvals.Apply(ChangeKind.Restore, await UndoFacts.CurrentAsync(db, changed, cancellationToken), isBulk: true);
            var undo = ChangeJob.For(terms, JobOrigin.Undo, actor, now);
            undo.UndoesJobId = jobId;
            undo.Summary = ChangeJob.Clip($"Undo: {job!.Summary}", 300);
            var items = changed.Select((item, position) => new ChangeJobItem
            {
                Position = position, SubjectKind = item.SubjectKind, SubjectId = item.SubjectId, SubjectName = item.SubjectName,
                OrganizationId = item.OrganizationId, OrganizationName = item.OrganizationName, ExpectedVersion = item.VersionAfter!.Value,
            }).ToList();
            await JobSubmission.AddAsync(db, undo, items, rules, approvals.RequestLifetime, now, cancellationToken);
            return (new BulkSubmitResult(new Dictionary<string, string>(), undo.Id, rules), true);
        }, cancellationToken);
        if (result.Succeeded && !result.SentForApproval) signal.Pulse();
        return result;
    }

    private static async Task<string?> UndoProblemAsync(AccessConsoleDbContext db, ChangeJob? job, CancellationToken ct)
    {
        if (job is null) return "There is no such bulk change.";
        if (job.Origin != JobOrigin.Bulk) return "Only a bulk change is undone as a whole; restore a single change on its subject.";
        if (job.Change == ChangeKind.Restore) return "A restore is not undone as a whole: make the change again instead.";
        if (job.State != JobState.Completed) return "A bulk change can be undone once it has finished.";
        if (job.Changed == 0) return "This bulk change changed no subject: there is nothing to undo.";
        var undoing = await db.ChangeJobs.AnyAsync(j => j.UndoesJobId == job.Id && j.State != JobState.Rejected && j.State != JobState.Expired, ct);
        return undoing ? "This bulk change is undone already, or its undo waits for approval." : null;
    }

    private static readonly System.Linq.Expressions.Expression<Func<ChangeJob, JobRow>> Row = j => new JobRow(
        j.Id, j.Origin, j.Summary, j.State, j.RequestedByName, j.CreatedAt, j.ApproverName, j.Total, j.Changed, j.NotChanged, j.FinishedAt, j.LastError);

    private static readonly Func<ChangeJob, JobRow> RowOf = Row.Compile();
}
