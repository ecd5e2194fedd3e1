namespace AccessConsole.Web.Access.Changes;

/// <summary>What a person sees before confirming: the subject now, what the change reaches, and for a restore its result.</summary>
public sealed record ChangePreview(
    SubjectRef Subject,
    string SubjectName,
    string? OrganizationName,
    AccessValue Current,
    int Version,
    AccessProvenance Provenance,
    ChangeImpact Impact,
    AccessValue? RestoreResult,
    bool CanUndo);

/// <summary>How much a change on a subject reaches: keys, integrations, organizations and last-30-days requests.</summary>
public sealed record ChangeImpact(int Keys, int Integrations, int Organizations, long RecentRequests);
