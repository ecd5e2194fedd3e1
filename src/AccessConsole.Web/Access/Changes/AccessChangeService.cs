using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Access.Changes;

/// <summary>
/// Revokes, restricts and restores access on any of the four subjects. Guard clauses first (role, input, reason,
/// subject, version), then the change and its audit event in one transaction: both or neither.
/// </summary>
public sealed class AccessChangeService(
    IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock, AccessChangeSignal? signal = null)
{
    public const string LiftAction = "access.lift";

    public async Task<AccessChangeResult> ChangeAsync(AccessChangeRequest request, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.ChangeAccess);
        return await ApplyAsync(request, actor, null, cancellationToken);
    }

    /// <summary>
    /// Applies a change for an actor already authorized by the caller (a person through <see cref="ChangeAsync"/>,
    /// an approved request, or the system lifting a timed change).
    /// </summary>
    internal async Task<AccessChangeResult> ApplyAsync(AccessChangeRequest request, Actor actor, Actor? approver, CancellationToken cancellationToken, bool isTimedLift = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = AccessChangeValidator.Validate(request, now);
        if (errors.Count > 0) return AccessChangeResult.Invalid(errors);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditLog.LockChainHeadAsync(db, cancellationToken);

        var reason = await db.ReasonCodes.AsNoTracking().SingleOrDefaultAsync(r => r.Code == request.ReasonCode, cancellationToken);
        if (reason is null) return AccessChangeResult.Invalid(ChangeFields.Reason, "Choose a reason from the list.");
        if (reason.IsRetired && !isTimedLift) return AccessChangeResult.Invalid(ChangeFields.Reason, $"The reason '{reason.Label}' is retired; choose a current one.");

        var subject = await SubjectStore.LoadAsync(db, request.Subject, cancellationToken);
        if (subject is null) return AccessChangeResult.Invalid(ChangeFields.Subject, "This subject no longer exists.");
        var entity = subject.Entity;
        if (entity.AccessVersion != request.ExpectedVersion) return Stale(subject);

        if (request.Restriction?.Integrations is { Count: > 0 } clients)
        {
            var known = await db.Integrations.CountAsync(i => clients.Contains(i.Id), cancellationToken);
            if (known != clients.Count) return AccessChangeResult.Invalid(ChangeFields.Clients, "An allowed client is not in the integration catalog.");
        }

        var decision = await DecideAsync(db, request, entity, cancellationToken);
        if (decision.Error is { } error) return AccessChangeResult.Invalid(error.Field, error.Message);

        var auditEvent = new AuditEvent
        {
            EventId = Guid.NewGuid(),
            OccurredAt = now,
            ActorId = actor.Id,
            ActorName = actor.Name,
            ActorRoles = string.Join(",", actor.Roles),
            Action = isTimedLift ? LiftAction : ActionOf(request.Kind),
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
        };
        await AuditLog.AppendAsync(db, [auditEvent], cancellationToken);

        entity.AccessState = decision.After!.State;
        entity.Restriction = decision.After.Restriction;
        entity.AccessUntil = decision.After.Until;
        entity.AccessVersion++;
        entity.AccessReasonCode = reason.Code;
        entity.AccessChangedBy = actor.Name;
        entity.AccessChangedAt = now;
        entity.AccessSetBySequence = auditEvent.Sequence;
        entity.AccessUndoSequence = request.Kind == ChangeKind.Restore ? decision.NextUndo : auditEvent.Sequence;

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AccessChangeResult.Invalid(ChangeFields.Version, "Someone changed this subject at the same moment. Reload to see its access now, then decide again.");
        }
        await transaction.CommitAsync(cancellationToken);
        signal?.Pulse();
        return new AccessChangeResult { AuditSequence = auditEvent.Sequence, After = decision.After, NewVersion = entity.AccessVersion };
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
