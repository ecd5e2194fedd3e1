using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk.Segments;

namespace AccessConsole.Web.Bulk;

/// <summary>
/// A bulk change as a person decided it: the segment, the change's terms (the subject and version of
/// <see cref="Terms"/> are unused: each subject brings its own), the count they saw in the preview, and when it takes effect
/// (null: now). A scheduled change's subjects are fixed when it is scheduled.
/// </summary>
public sealed record BulkSubmission(Segment Segment, AccessChangeRequest Terms, int PreviewedCount, bool AskForApproval = false, DateTime? TakesEffectAt = null);

/// <summary>The answer to a submission or an undo: messages per field and nothing saved, or the job (queued, or waiting for approval).</summary>
public sealed record BulkSubmitResult(IReadOnlyDictionary<string, string> Errors, Guid? JobId = null, IReadOnlyList<string>? ApprovalRules = null)
{
    public bool Succeeded => Errors.Count == 0;

    public bool SentForApproval => ApprovalRules is { Count: > 0 };

    public static BulkSubmitResult Invalid(IReadOnlyDictionary<string, string> errors) => new(errors);

    public static BulkSubmitResult Invalid(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}
