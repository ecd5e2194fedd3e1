using AccessConsole.Web.Access;
using AccessConsole.Web.Organizations;

namespace AccessConsole.Web.Bulk.Segments;

/// <summary>How much a bulk change would reach: subjects, the keys of their organizations, and their requests in the last 30 days.</summary>
public sealed record SegmentImpact(int Subjects, int Keys, long RecentRequests);

public sealed record SegmentRow(SubjectKind Kind, Guid Id, string Name, Guid OrganizationId, Tier Tier, AccessState State, int Keys, long RecentRequests);

/// <summary>A segment before anything changes: its impact and one page of its subjects, or the messages per field.</summary>
public sealed record SegmentPreview(SegmentImpact? Impact, IReadOnlyList<SegmentRow> Rows, IReadOnlyDictionary<string, string> Errors)
{
    public static SegmentPreview Invalid(IReadOnlyDictionary<string, string> errors) => new(null, [], errors);
}
