using System.Text.Json;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.Notices;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Access.Changes;

/// <summary>
/// Revokes, restricts and restores access on any of the four subjects. Guard clauses first (role, input, reason,
/// subject, version), then the change and its audit event in one transaction: both or neither.
/// </summary>
public sealed class AccessChangeService(
    IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock, AccessChangeSignal? signal = null,
    ApprovalRules? approvals = null)
{
    public const string LiftAction = "access.lift";

    /// <summary>
    /// Makes a change that needs no second person's approval. With approval rules given (as in the app), a change
    /// that needs approval is refused here: it goes through <see cref="ApprovalGate"/> as a request instead.
    /// </summary>
    public async Task<AccessChangeResult> ChangeAsync(AccessChangeRequest request, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ChangeAccess);
        if (approvals is not null && await approvals.NeededForAsync(contexts, request, cancellationToken) is [_, ..] rules)
        {
            return AccessChangeResult.Invalid(ChangeFields.Subject, ApprovalRules.NeedsApprovalMessage(rules));
        }
        return await ApplyAsync(request, actor, null, cancellationToken);
    }

    /// <summary>
    /// Applies a change for an actor already authorized by the caller (a person through <see cref="ChangeAsync"/>,
    /// an approved request, a bulk job, or the system lifting a timed change). An enlistment, when given, records the
    /// caller's own state in the same transaction.
    /// </summary>
    internal async Task<AccessChangeResult> ApplyAsync(AccessChangeRequest request, Actor actor, Actor? approver, CancellationToken cancellationToken,
        bool isTimedLift = false, IChangeEnlistment? enlistment = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = AccessChangeValidator.Validate(request, now);
        if (errors.Count > 0) return AccessChangeResult.Invalid(errors);

        AccessChangeResult result;
        try
        {
            result = await AuditLog.WriteAsync(contexts, async db =>
            {
                if (enlistment is not null && await enlistment.ClaimAsync(db, cancellationToken) is { } refusal)
                {
                    return (AccessChangeResult.Invalid(ChangeFields.Subject, refusal), false);
                }
                var (passed, refused) = await GuardAsync(db, request, isTimedLift, cancellationToken);
                if (passed is null) return (refused!, false);
                var (reason, subject, decision) = passed;
                var entity = subject.Entity;
                NoticeOutbox.Prepared? notice = null;
                if (request.Notice is { } wanted)
                {
                    var change = new NoticeChange(request.Subject, reason.Code, decision.After!, null, request.Until, request.PolicyClause);
                    (notice, var noticeRefusal) = await NoticeOutbox.PrepareAsync(db, subject.OrganizationId, wanted, change, request.CorrelationId, now, cancellationToken);
                    if (noticeRefusal is not null) return (AccessChangeResult.Invalid(NoticeOutbox.Field, noticeRefusal), false);
                }
                var details = enlistment?.EventDetails is { } extra ? JsonSerializer.Serialize(extra, AccessSubjectConfiguration.Json) : null;

                var auditEvent = new AuditEvent(actor, now, isTimedLift ? LiftAction : ActionOf(request.Kind))
                {
                    SubjectKind = request.Subject.Kind.ToString(),
                    SubjectId = request.Subject.Id.ToString("D"),
                    SubjectName = subject.Name,
                    OrganizationId = subject.OrganizationId,
                    OrganizationName = subject.OrganizationName,
                    ReasonCode = reason.Code,
                    Justification = request.Justification!.Trim(),
                    TicketReference = Blank(request.TicketReference),
                    PolicyClause = Blank(request.PolicyClause),
                    AccessBefore = AccessJson.Serialize(entity.Access),
                    AccessAfter = AccessJson.Serialize(decision.After!),
                    CorrelationId = request.CorrelationId,
                    ApproverId = approver?.Id,
                    ApproverName = approver?.Name,
                    UndoesSequence = decision.Undoes,
                    PreviousChangeSequence = request.Kind == ChangeKind.Restore ? null : entity.AccessUndoSequence,
                    Details = notice is null ? details : NoticeOutbox.WithNotice(details, notice),
                };
                await AuditLog.AppendAsync(db, [auditEvent], cancellationToken);
                if (notice is not null) NoticeOutbox.Add(db, notice, auditEvent);

                entity.AccessState = decision.After!.State;
                entity.Restriction = decision.After.Restriction;
                entity.AccessUntil = decision.After.Until;
                entity.AccessVersion++;
                entity.AccessReasonCode = reason.Code;
                entity.AccessChangedBy = actor.Name;
                entity.AccessChangedAt = now;
                entity.AccessSetBySequence = auditEvent.Sequence;
                entity.AccessUndoSequence = request.Kind == ChangeKind.Restore ? decision.NextUndo : auditEvent.Sequence;
                if (enlistment is not null) await enlistment.RecordAsync(db, auditEvent, entity.AccessVersion, cancellationToken);

                return (new AccessChangeResult { AuditSequence = auditEvent.Sequence, After = decision.After, NewVersion = entity.AccessVersion }, true);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AccessChangeResult.Invalid(ChangeFields.Version, "Someone changed this subject at the same moment. Reload to see its access now, then decide again.");
        }
        if (result.Succeeded) signal?.Pulse();
        return result;
    }

    internal sealed record Guarded(ReasonCode Reason, LoadedSubject Subject, Decision Decision);

    /// <summary>
    /// The guards that read the database: reason, subject, version, allowed clients, and what the change decides.
    /// Shared by a change and by a request for one, so that a request is refused for the same reasons.
    /// </summary>
    internal static async Task<(Guarded? Passed, AccessChangeResult? Refusal)> GuardAsync(
        AccessConsoleDbContext db, AccessChangeRequest request, bool isTimedLift, CancellationToken ct)
    {
        var (reason, reasonRefusal) = await ReasonAsync(db, request.ReasonCode, allowRetired: isTimedLift, ct);
        if (reason is null) return (null, reasonRefusal);

        var subject = await SubjectStore.LoadAsync(db, request.Subject, ct);
        if (subject is null) return (null, AccessChangeResult.Invalid(ChangeFields.Subject, "This subject no longer exists."));
        if (subject.Entity.AccessVersion != request.ExpectedVersion) return (null, Stale(subject));
        if (await ClientsRefusalAsync(db, request.Restriction, ct) is { } clients) return (null, clients);

        var decision = await DecideAsync(db, request, subject.Entity, ct);
        if (decision.Error is { } error) return (null, AccessChangeResult.Invalid(error.Field, error.Message));
        return (new Guarded(reason, subject, decision), null);
    }

    internal static async Task<(ReasonCode? Reason, AccessChangeResult? Refusal)> ReasonAsync(
        AccessConsoleDbContext db, string? code, bool allowRetired, CancellationToken ct)
    {
        var reason = await db.ReasonCodes.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (reason is null) return (null, AccessChangeResult.Invalid(ChangeFields.Reason, "Choose a reason from the list."));
        if (reason.IsRetired && !allowRetired) return (null, AccessChangeResult.Invalid(ChangeFields.Reason, $"The reason '{reason.Label}' is retired; choose a current one."));
        return (reason, null);
    }

    internal static async Task<AccessChangeResult?> ClientsRefusalAsync(AccessConsoleDbContext db, Restriction? restriction, CancellationToken ct)
    {
        if (restriction?.Integrations is not { Count: > 0 } clients) return null;
        var known = await db.Integrations.CountAsync(i => clients.Contains(i.Id), ct);
        return known == clients.Count ? null : AccessChangeResult.Invalid(ChangeFields.Clients, "An allowed client is not in the integration catalog.");
    }

    internal sealed record Decision(AccessValue? After, long? Undoes, long? NextUndo, (string Field, string Message)? Error);

    private static async Task<Decision> DecideAsync(AccessConsoleDbContext db, AccessChangeRequest request, AccessSubject entity, CancellationToken ct)
    {
        switch (request.Kind)
        {
            case ChangeKind.Revoke when entity.AccessState == AccessState.Revoked && entity.AccessUntil == request.Until:
                return new(null, null, null, (ChangeFields.Subject, "This subject is already revoked."));
            case ChangeKind.Revoke:
                return new(AccessValue.Revoked(request.Until), null, null, null);
            case ChangeKind.Restrict:
                return new(AccessValue.Restricted(request.Restriction!, request.Until), null, null, null);
            case ChangeKind.Restore when request.RestoreFullAccess:
                return entity.AccessState == AccessState.Active && entity.AccessUntil is null
                    ? new(null, null, null, (ChangeFields.Restore, "This subject already has full access."))
                    : new(AccessValue.Active, null, null, null);
            default:
                return await UndoLastChangeAsync(db, entity, ct);
        }
    }

    /// <summary>Restore: back to the access the subject had before the change that is undone next.</summary>
    internal static async Task<Decision> UndoLastChangeAsync(AccessConsoleDbContext db, AccessSubject entity, CancellationToken ct)
    {
        if (entity.AccessUndoSequence is not { } undo)
        {
            return entity.AccessState == AccessState.Active && entity.AccessUntil is null
                ? new(null, null, null, (ChangeFields.Restore, "There is no earlier change to undo: this subject has full access."))
                : new(AccessValue.Active, null, null, null);
        }
        var undone = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Sequence == undo)
            .Select(e => new { e.AccessBefore, e.PreviousChangeSequence })
            .SingleAsync(ct);
        var before = undone.AccessBefore is null ? AccessValue.Active : AccessJson.Deserialize(undone.AccessBefore);
        return new(before, undo, undone.PreviousChangeSequence, null);
    }

    private static AccessChangeResult Stale(LoadedSubject subject)
    {
        var entity = subject.Entity;
        var who = entity.AccessChangedBy ?? "someone";
        var when = entity.AccessChangedAt is { } at ? $" at {at:yyyy-MM-dd HH:mm} UTC" : "";
        return AccessChangeResult.Invalid(ChangeFields.Version,
            $"{subject.Name} was changed by {who}{when} since you opened it (it is now {RestrictionText.Describe(entity.Access)}). Reload, then decide again.");
    }

    public static string ActionOf(ChangeKind kind) => kind switch
    {
        ChangeKind.Revoke => "access.revoke",
        ChangeKind.Restrict => "access.restrict",
        _ => "access.restore",
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
