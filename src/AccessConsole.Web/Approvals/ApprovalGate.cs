using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Approvals;

/// <summary>A single change as the dialog submits it: made at once, or, when a rule asks for a second person, a request.</summary>
public sealed record GatedChange(AccessChangeResult Result, ApprovalRequest? Request = null)
{
    public bool SentForApproval => Request is not null;
}

/// <summary>
/// The change dialog's way in: a change that needs no approval goes to <see cref="AccessChangeService"/> unchanged;
/// one that needs approval is checked as that service would check it, then kept as a request (a one-subject job).
/// </summary>
public sealed class ApprovalGate(
    IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock, AccessChangeService changes, ApprovalRules rules, ApprovalNotifier notifier)
{
    public async Task<GatedChange> SubmitAsync(AccessChangeRequest request, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ChangeAccess);
        var needed = await rules.NeededForAsync(contexts, request, cancellationToken);
        if (needed.Count == 0) return new(await changes.ChangeAsync(request, cancellationToken));

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = AccessChangeValidator.Validate(request, now);
        if (errors.Count > 0) return new(AccessChangeResult.Invalid(errors));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditLog.LockChainHeadAsync(db, cancellationToken);
        var (passed, refused) = await AccessChangeService.GuardAsync(db, request, isTimedLift: false, cancellationToken);
        if (passed is null) return new(refused!);

        var subject = passed.Subject;
        var job = ChangeJob.For(request, JobOrigin.Single, actor, now);
        job.Summary = ChangeJob.Clip($"{request.Kind} {subject.Name}", 300);
        var item = new ChangeJobItem
        {
            SubjectKind = subject.Ref.Kind, SubjectId = subject.Ref.Id, SubjectName = subject.Name,
            OrganizationId = subject.OrganizationId, OrganizationName = subject.OrganizationName, ExpectedVersion = request.ExpectedVersion,
        };
        var approval = await JobSubmission.AddAsync(db, job, [item], needed, rules.RequestLifetime, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        notifier.Raise();
        return new(new AccessChangeResult(), approval);
    }
}
