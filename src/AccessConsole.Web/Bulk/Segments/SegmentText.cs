using AccessConsole.Web.Access.Changes;

namespace AccessConsole.Web.Bulk.Segments;

/// <summary>A segment in plain words, for the job list, the approval request and the audit event.</summary>
public static class SegmentText
{
    public static string Describe(Segment segment, string? integrationName)
    {
        var integration = integrationName ?? "an integration";
        var parts = new List<string>
        {
            segment.Subjects == SegmentSubjects.Organizations ? "organizations" : $"each organization's use of {integration}",
        };
        if (!string.IsNullOrWhiteSpace(segment.Tag)) parts.Add($"tagged {segment.Tag.Trim()}");
        if (segment.Tiers.Count > 0) parts.Add($"on tier {string.Join(" or ", segment.Tiers.Distinct())}");
        if (segment.Subjects == SegmentSubjects.Organizations && segment.IntegrationId is not null) parts.Add($"using {integration}");
        if (segment.State is { } state) parts.Add(segment.Subjects == SegmentSubjects.Organizations ? $"now {state}" : $"whose use is now {state}");
        if (segment.Usage is { } u) parts.Add($"with requests in at least {u.MinHours} hours a day on at least {u.MinDays} of the last {u.Days} days");
        if (segment.Organizations.Count > 0) parts.Add($"among {segment.Organizations.Count:N0} listed organizations");
        return string.Join(", ", parts);
    }

    public static string Summary(ChangeKind kind, int subjects, string description)
    {
        var text = $"{kind} {subjects:N0} subject{(subjects == 1 ? "" : "s")}: {description}";
        return Jobs.ChangeJob.Clip(text, 300);
    }
}
