using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Bulk.Jobs;

/// <summary>
/// Ties one job item to its subject's change: the change is made only while the item is pending, and the item's
/// outcome and the job's progress are saved in the change's own transaction. So a crash leaves either both or
/// neither, and running a job again never changes a subject twice.
/// </summary>
internal sealed class ItemEnlistment(Guid jobId, int position, object? eventDetails = null) : IChangeEnlistment
{
    public object? EventDetails => eventDetails;

    private ChangeJobItem? item;

    public async Task<string?> ClaimAsync(AccessConsoleDbContext db, CancellationToken cancellationToken)
    {
        item = await db.ChangeJobItems.SingleOrDefaultAsync(i => i.JobId == jobId && i.Position == position, cancellationToken);
        if (item is null) return "This subject is not part of the job.";
        return item.Outcome == ItemOutcome.Pending ? null : $"This job has dealt with this subject already ({item.Outcome}).";
    }

    public async Task RecordAsync(AccessConsoleDbContext db, AuditEvent change, int versionAfter, CancellationToken cancellationToken)
    {
        item!.Outcome = ItemOutcome.Changed;
        item.AuditSequence = change.Sequence;
        item.VersionAfter = versionAfter;
        item.ProcessedAt = change.OccurredAt;
        var job = await db.ChangeJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
        job.Changed++;
    }
}
