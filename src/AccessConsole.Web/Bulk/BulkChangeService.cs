using System.Text.Json;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.Data;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Bulk;

/// <summary>
/// Previews a segment and submits a change to it as a job: its subjects snapshot, with the version of each, taken in
/// the database in the same transaction that saves the job, then queued or sent for approval.
/// </summary>
public sealed class BulkChangeService(
    IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock, ApprovalRules approvals, ChangeJobSignal signal,
    ScheduleSignal? scheduled = null)
{
    public const int MaxSubjects = 10_000;
    public const string AskedForApproval = "the requester asked for a second person's approval";

    public async Task<SegmentPreview> PreviewAsync(Segment segment, int skip, int take, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ChangeAccess);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = SegmentValidator.Validate(segment);
        await SegmentValidator.CheckDatabaseAsync(db, segment, errors, cancellationToken);
        if (errors.Count > 0) return SegmentPreview.Invalid(errors);

        var today = Today;
        var impact = await SegmentImpacts.OfAsync(db, segment, today, cancellationToken);
        var rows = await SegmentImpacts.PageAsync(db, segment, today, Math.Max(0, skip), Math.Clamp(take, 1, 100), cancellationToken);
        return new SegmentPreview(impact, rows, errors);
    }

    public async Task<BulkSubmitResult> SubmitAsync(BulkSubmission submission, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ChangeAccess);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = SegmentValidator.Validate(submission.Segment);
        foreach (var (field, message) in AccessChangeValidator.Validate(submission.Terms, now)) errors[field] = message;
        ScheduleRules.Check(errors, submission.TakesEffectAt, submission.Terms.Until, now);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await SegmentValidator.CheckDatabaseAsync(db, submission.Segment, errors, cancellationToken);
        var (reason, reasonRefusal) = await AccessChangeService.ReasonAsync(db, submission.Terms.ReasonCode, allowRetired: false, cancellationToken);
        if (reason is null && !errors.ContainsKey(ChangeFields.Reason)) errors[ChangeFields.Reason] = reasonRefusal!.Errors[ChangeFields.Reason];
        if (await AccessChangeService.ClientsRefusalAsync(db, submission.Terms.Restriction, cancellationToken) is { } clients) errors[ChangeFields.Clients] = clients.Errors[ChangeFields.Clients];
        if (errors.Count > 0) return BulkSubmitResult.Invalid(errors);

        var result = await AuditLog.WriteAsync(db, async () =>
        {
            var members = await SegmentQuery.Members(db, submission.Segment, Today).OrderBy(m => m.SortKey).ThenBy(m => m.Id)
                .Take(MaxSubjects + 1).ToListAsync(cancellationToken);
            if (SnapshotProblem(members.Count, submission.PreviewedCount) is { } problem) return (BulkSubmitResult.Invalid(SegmentFields.Segment, problem), false);

            var rules = approvals.Apply(submission.Terms.Kind, members.Select(Facts).ToList(), isBulk: true).ToList();
            if (submission.AskForApproval && rules.Count == 0) rules.Add(AskedForApproval);
            var job = ChangeJob.For(submission.Terms, JobOrigin.Bulk, actor, now);
            job.Segment = JsonSerializer.Serialize(submission.Segment, AccessSubjectConfiguration.Json);
            job.Summary = SegmentText.Summary(job.Change, members.Count, SegmentText.Describe(submission.Segment, await IntegrationNameAsync(db, submission.Segment, cancellationToken)));
            var items = members.Select((m, position) => new ChangeJobItem
            {
                Position = position, SubjectKind = m.Kind, SubjectId = m.Id, SubjectName = m.Name,
                OrganizationId = m.OrganizationId, OrganizationName = m.OrganizationName, ExpectedVersion = m.Version,
            }).ToList();
            await JobSubmission.AddAsync(db, job, items, rules, approvals.RequestLifetime, now, cancellationToken, submission.TakesEffectAt);
            return (new BulkSubmitResult(new Dictionary<string, string>(), job.Id, rules), true);
        }, cancellationToken);
        if (!result.Succeeded || result.SentForApproval) return result;
        if (submission.TakesEffectAt is null) signal.Pulse();
        else scheduled?.Pulse();
        return result;
    }

    private DateTime Today => clock.GetUtcNow().UtcDateTime.Date;

    private static string? SnapshotProblem(int count, int previewed)
    {
        if (count == 0) return "No subject is in this segment now: there is nothing to change.";
        if (count > MaxSubjects) return $"A bulk change reaches at most {MaxSubjects:N0} subjects; narrow the segment.";
        return count == previewed ? null : $"The segment holds {count:N0} subjects now, not the {previewed:N0} you previewed: preview it again, then decide.";
    }

    private static SubjectFacts Facts(SegmentMember m) =>
        new(m.Kind, m.Name, m.Kind == SubjectKind.Organization ? m.Tier : null, m.State, m.ReasonCode);

    private static async Task<string?> IntegrationNameAsync(AccessConsoleDbContext db, Segment segment, CancellationToken ct) =>
        segment.IntegrationId is { } id ? await db.Integrations.Where(i => i.Id == id).Select(i => i.Name).SingleOrDefaultAsync(ct) : null;
}
