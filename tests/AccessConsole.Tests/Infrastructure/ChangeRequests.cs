using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.ReasonCodes;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>Valid change requests to start from; tests vary one field with <c>with</c>.</summary>
public static class ChangeRequests
{
    public const string Justification = "Decided by the account team after review of the case.";

    public static AccessChangeRequest Revoke(SubjectRef subject, int version, DateTime? until = null) =>
        New(subject, version, ChangeKind.Revoke) with { Until = until };

    public static AccessChangeRequest Restrict(SubjectRef subject, int version, Restriction restriction, DateTime? until = null) =>
        New(subject, version, ChangeKind.Restrict) with { Restriction = restriction, Until = until };

    public static AccessChangeRequest Restore(SubjectRef subject, int version, bool fullAccess = false) =>
        New(subject, version, ChangeKind.Restore) with { ReasonCode = StandardReasonCodes.DisputeResolved, RestoreFullAccess = fullAccess };

    private static AccessChangeRequest New(SubjectRef subject, int version, ChangeKind kind) => new()
    {
        Subject = subject,
        Kind = kind,
        ExpectedVersion = version,
        ReasonCode = StandardReasonCodes.Other,
        Justification = Justification,
    };
}
