using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Bulk;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.Data;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.DemoData.History;

/// <summary>
/// The console's own services on the history's clock, acting for the person each step names, as the pages and the
/// background workers would: a change goes through the approval gate, an approved or queued job is run by the job
/// runner, a timed change is lifted by the lifter and an undecided request expired by the expiry, each at its time.
/// The approval rules are the defaults, so that the story does not depend on how an instance is configured.
/// </summary>
internal sealed class HistoryDesk
{
    private static readonly TimeSpan WorkerDelay = TimeSpan.FromSeconds(7);

    private readonly IDbContextFactory<AccessConsoleDbContext> contexts;
    private readonly PersonAtDesk person = new();
    private readonly ApprovalGate gate;
    private readonly ApprovalService approvals;
    private readonly ApprovalExpiry expiry;
    private readonly ChangeJobRunner runner;
    private readonly BulkChangeService bulk;
    private readonly BulkJobService bulkJobs;
    private readonly AuditExportService exports;
    private readonly ReasonCodeService reasons;
    private readonly TimedLifts lifts;

    public HistoryDesk(IDbContextFactory<AccessConsoleDbContext> contexts, DateTime end, CheckpointSigningKey signingKey, CheckpointWitness witness)
    {
        this.contexts = contexts;
        End = end;
        Clock = new HistoryClock(end.AddYears(-1));
        Timeline = new HistoryTimeline(Clock);
        var rules = new ApprovalRules(new ApprovalSettings());
        var signal = new ChangeJobSignal();
        var notifier = new ApprovalNotifier(Microsoft.Extensions.Logging.Abstractions.NullLogger<ApprovalNotifier>.Instance);
        var system = new AccessChangeService(contexts, new SystemActor(), Clock);
        gate = new ApprovalGate(contexts, person, Clock, new AccessChangeService(contexts, person, Clock, approvals: rules), rules, notifier);
        expiry = new ApprovalExpiry(contexts, Clock, notifier);
        runner = new ChangeJobRunner(contexts, system, Clock);
        approvals = new ApprovalService(contexts, person, Clock, expiry, runner, signal, notifier);
        bulk = new BulkChangeService(contexts, person, Clock, rules, signal);
        bulkJobs = new BulkJobService(contexts, person, Clock, rules, signal);
        var checkpoints = new CheckpointService(contexts, signingKey, witness, Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<CheckpointService>.Instance);
        exports = new AuditExportService(contexts, checkpoints, Clock);
        reasons = new ReasonCodeService(contexts, person, Clock);
        lifts = new TimedLifts(contexts, system, Clock);
    }

    /// <summary>The present: nothing is scheduled at or after it.</summary>
    public DateTime End { get; }

    public HistoryClock Clock { get; }

    public HistoryTimeline Timeline { get; }

    public void At(DateTime time, Func<Task> step)
    {
        if (time < End) Timeline.At(time, step);
    }

    /// <summary>A single change as the dialog submits it: made at once, or kept as a request when a rule asks.</summary>
    public async Task<GatedChange> ChangeAsync(Actor actor, AccessChangeRequest request)
    {
        person.Actor = actor;
        var change = await gate.SubmitAsync(request with { ExpectedVersion = await VersionAsync(request.Subject) });
        Require(change.Result.Succeeded, change.Result.Errors.Values);
        if (!change.SentForApproval) LiftWhenDue(request.Until);
        return change;
    }

    /// <summary>A change that takes effect later: it stays scheduled past the history's end, as one still pending.</summary>
    public async Task ScheduleAsync(Actor actor, AccessChangeRequest request, DateTime takesEffect)
    {
        person.Actor = actor;
        var change = await gate.SubmitAsync(request with { ExpectedVersion = await VersionAsync(request.Subject) }, takesEffect);
        Require(change.Scheduled && !change.SentForApproval, change.Result.Errors.Values);
    }

    public async Task ApproveAsync(Actor actor, ApprovalRequest request, string comment, DateTime? until = null)
    {
        person.Actor = actor;
        var answer = await approvals.ApproveAsync(request.Id, comment);
        Require(answer.Succeeded, answer.Errors.Values);
        LiftWhenDue(until);
        // A bulk change, once approved, waits for the job worker's next round.
        At(Clock.Now + WorkerDelay, () => runner.RunAsync(request.JobId));
    }

    public async Task RejectAsync(Actor actor, ApprovalRequest request, string comment)
    {
        person.Actor = actor;
        var answer = await approvals.RejectAsync(request.Id, comment);
        Require(answer.Succeeded, answer.Errors.Values);
    }

    /// <summary>Nobody decides: the expiry audits it shortly after its time, as the worker would.</summary>
    public void LetExpire(ApprovalRequest request) => At(request.ExpiresAt + WorkerDelay, () => expiry.ExpireDueAsync());

    /// <summary>Submits a bulk change; queued jobs run at the worker's next round. Answers the request when one is made.</summary>
    public async Task<(Guid JobId, ApprovalRequest? Request)> BulkAsync(Actor actor, Segment segment, AccessChangeRequest terms, bool askForApproval = false)
    {
        person.Actor = actor;
        var preview = await bulk.PreviewAsync(segment, 0, 1);
        Require(preview.Impact is not null, preview.Errors.Values);
        var result = await bulk.SubmitAsync(new BulkSubmission(segment, terms, preview.Impact!.Subjects, askForApproval));
        return await AfterSubmitAsync(result, terms.Until);
    }

    public async Task<(Guid JobId, ApprovalRequest? Request)> UndoAsync(Actor actor, Guid jobId, string reason, string justification, string? ticket = null)
    {
        person.Actor = actor;
        return await AfterSubmitAsync(await bulkJobs.UndoAsync(jobId, reason, justification, ticket, null), null);
    }

    public async Task ExportAsync(Actor actor, AuditFilter filter, ExportFormat format) =>
        await exports.ExportZipAsync(actor, filter, format, exports.FileName(format), Stream.Null, CancellationToken.None);

    public async Task AddReasonAsync(Actor actor, string code, string label)
    {
        person.Actor = actor;
        var errors = await reasons.AddAsync(code, label);
        Require(errors.Count == 0, errors.Values);
    }

    public async Task RetireReasonAsync(Actor actor, string code)
    {
        person.Actor = actor;
        Require(await reasons.RetireAsync(code), [$"the reason {code} could not be retired"]);
    }

    /// <summary>A key the customer created (keys are made outside the console, so no audit event).</summary>
    public async Task AddKeyAsync(ApiKey key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
    }

    private async Task<(Guid JobId, ApprovalRequest? Request)> AfterSubmitAsync(BulkSubmitResult result, DateTime? until)
    {
        Require(result.Succeeded, result.Errors.Values);
        var jobId = result.JobId!.Value;
        if (result.SentForApproval)
        {
            await using var db = await contexts.CreateDbContextAsync();
            return (jobId, await db.ApprovalRequests.AsNoTracking().SingleAsync(r => r.JobId == jobId));
        }
        LiftWhenDue(until);
        At(Clock.Now + WorkerDelay, () => runner.RunAsync(jobId));
        return (jobId, null);
    }

    private void LiftWhenDue(DateTime? until)
    {
        if (until is { } time) At(time + WorkerDelay, () => lifts.LiftDueAsync());
    }

    private async Task<int> VersionAsync(SubjectRef subject)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return (await SubjectStore.LoadAsync(db, subject, CancellationToken.None))!.Entity.AccessVersion;
    }

    private static void Require(bool succeeded, IEnumerable<string> problems)
    {
        if (!succeeded) throw new InvalidOperationException("Demo history refused: " + string.Join("; ", problems));
    }

    private sealed class PersonAtDesk : ICurrentActor
    {
        public Actor Actor { get; set; } = Actor.Anonymous;

        public Task<Actor> GetAsync() => Task.FromResult(Actor);
    }
}
