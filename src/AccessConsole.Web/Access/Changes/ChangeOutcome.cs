using AccessConsole.Web.Approvals;

namespace AccessConsole.Web.Access.Changes;

/// <summary>What a confirmed change dialog did: the change made (with its audit event), or a request for approval.</summary>
public sealed record ChangeOutcome(string Message, long? AuditSequence, ApprovalRequest? Request)
{
    public static ChangeOutcome Made(ChangeKind kind, string subjectName, long? auditSequence) =>
        new($"{subjectName} {Past(kind)}", auditSequence, null);

    public static ChangeOutcome Scheduled(ChangeKind kind, string subjectName, DateTime takesEffect, long? schedulingSequence) =>
        new($"{subjectName}: {kind.ToString().ToLowerInvariant()} scheduled for {takesEffect:yyyy-MM-dd HH:mm} UTC", schedulingSequence, null);

    public static ChangeOutcome SentForApproval(ApprovalRequest request) =>
        new($"{request.Summary}: sent for approval", null, request);

    public bool IsMade => Request is null;

    private static string Past(ChangeKind kind) => kind switch
    {
        ChangeKind.Revoke => "revoked",
        ChangeKind.Restrict => "restricted",
        _ => "restored",
    };
}
