using AccessConsole.Web.Access;
using AccessConsole.Web.Organizations;

namespace AccessConsole.Web.Bulk.Segments;

/// <summary>What a bulk change is applied to: whole organizations, or each organization's use of one integration.</summary>
public enum SegmentSubjects
{
    Organizations,
    OrganizationIntegrations,
}

/// <summary>Round-the-clock use: requests in at least <see cref="MinHours"/> hours of the day on at least <see cref="MinDays"/> of the last <see cref="Days"/> whole days.</summary>
public sealed record UsagePattern
{
    public int MinHours { get; init; } = 20;
    public int MinDays { get; init; } = 5;
    public int Days { get; init; } = 7;
}

/// <summary>
/// A segment of customers, chosen in the database. Every criterion given must hold (they combine with "and");
/// for organization-integration subjects the integration says which use of each organization is changed.
/// </summary>
public sealed record Segment
{
    public SegmentSubjects Subjects { get; init; }
    public string? Tag { get; init; }
    public IReadOnlyList<Tier> Tiers { get; init; } = [];
    public Guid? IntegrationId { get; init; }

    /// <summary>The access state of the subject itself (the organization, or its use of the integration).</summary>
    public AccessState? State { get; init; }

    public UsagePattern? Usage { get; init; }

    /// <summary>An explicit list: organization names or ids, one per entry.</summary>
    public IReadOnlyList<string> Organizations { get; init; } = [];

    public bool HasCriterion =>
        !string.IsNullOrWhiteSpace(Tag) || Tiers.Count > 0 || IntegrationId is not null || State is not null || Usage is not null || Organizations.Count > 0;
}

/// <summary>Names of the segment fields that messages attach to.</summary>
public static class SegmentFields
{
    public const string Segment = nameof(Segment);
    public const string Tag = nameof(Tag);
    public const string Tiers = nameof(Tiers);
    public const string Integration = nameof(Integration);
    public const string State = nameof(State);
    public const string Usage = nameof(Usage);
    public const string Organizations = nameof(Organizations);
}
