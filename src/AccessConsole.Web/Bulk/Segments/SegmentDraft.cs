using AccessConsole.Web.Access;
using AccessConsole.Web.Organizations;

namespace AccessConsole.Web.Bulk.Segments;

/// <summary>The segment fields as a person edits them on the page.</summary>
public sealed class SegmentDraft
{
    public SegmentSubjects Subjects { get; set; }
    public string? Tag { get; set; }
    public IReadOnlyCollection<Tier> Tiers { get; set; } = [];
    public Guid? IntegrationId { get; set; }
    public AccessState? State { get; set; }
    public bool ByUsage { get; set; }
    public int MinHours { get; set; } = new UsagePattern().MinHours;
    public int MinDays { get; set; } = new UsagePattern().MinDays;
    public int Days { get; set; } = new UsagePattern().Days;
    public string? OrganizationList { get; set; }

    public Segment ToSegment() => new()
    {
        Subjects = Subjects,
        Tag = string.IsNullOrWhiteSpace(Tag) ? null : Tag.Trim(),
        Tiers = Tiers.Order().ToList(),
        IntegrationId = IntegrationId,
        State = State,
        Usage = ByUsage ? new UsagePattern { MinHours = MinHours, MinDays = MinDays, Days = Days } : null,
        Organizations = ExplicitList.FromText(OrganizationList),
    };
}
