using AccessConsole.Web.Data;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Bulk.Segments;

/// <summary>Checks a segment: every problem gets a message at its field.</summary>
public static class SegmentValidator
{
    public const int MaxListed = 1000;
    public const int MaxEntryLength = 200;
    public const int MaxUsageDays = 90;
    private const int NamesShown = 5;

    public static Dictionary<string, string> Validate(Segment segment)
    {
        var errors = new Dictionary<string, string>();
        if (!Enum.IsDefined(segment.Subjects)) errors[SegmentFields.Segment] = "Choose what to change: organizations, or their use of an integration.";
        if (segment.Subjects == SegmentSubjects.OrganizationIntegrations && segment.IntegrationId is null)
        {
            errors[SegmentFields.Integration] = "Choose the integration whose use to change.";
        }
        else if (!segment.HasCriterion)
        {
            errors[SegmentFields.Segment] = "Choose at least one criterion: a change to every organization at once is not offered.";
        }
        if (segment.Tag is { Length: > 64 }) errors[SegmentFields.Tag] = "A tag has at most 64 characters.";
        if (segment.Tiers.Any(t => !Enum.IsDefined(t))) errors[SegmentFields.Tiers] = "Unknown tier.";
        if (segment.State is { } state && !Enum.IsDefined(state)) errors[SegmentFields.State] = "Unknown access state.";
        if (segment.Usage is { } usage && UsageProblem(usage) is { } problem) errors[SegmentFields.Usage] = problem;
        if (segment.Organizations.Count > MaxListed) errors[SegmentFields.Organizations] = $"List at most {MaxListed:N0} organizations.";
        else if (segment.Organizations.Any(o => o.Length > MaxEntryLength)) errors[SegmentFields.Organizations] = $"An organization name has at most {MaxEntryLength} characters.";
        else if (segment.Organizations.Select(o => FreeText.Problem(o)).FirstOrDefault(p => p is not null) is { } textProblem) errors[SegmentFields.Organizations] = textProblem;
        return errors;
    }

    /// <summary>The checks that need the database: the integration exists, and every listed organization too.</summary>
    public static async Task CheckDatabaseAsync(AccessConsoleDbContext db, Segment segment, Dictionary<string, string> errors, CancellationToken ct)
    {
        if (segment.IntegrationId is { } integrationId && !await db.Integrations.AnyAsync(i => i.Id == integrationId, ct))
        {
            errors[SegmentFields.Integration] = "This integration is not in the catalog.";
        }
        if (segment.Organizations.Count == 0 || errors.ContainsKey(SegmentFields.Organizations)) return;

        var (ids, names) = ExplicitList.Parse(segment.Organizations);
        var found = await db.Organizations.Where(o => ids.Contains(o.Id) || names.Contains(o.NormalizedName))
            .Select(o => new { o.Id, o.NormalizedName }).ToListAsync(ct);
        var unknown = segment.Organizations
            .Where(entry => !found.Any(o => Guid.TryParse(entry, out var id) ? o.Id == id : o.NormalizedName == Organization.Normalize(entry)))
            .ToList();
        if (unknown.Count > 0)
        {
            errors[SegmentFields.Organizations] = $"Not found: {string.Join(", ", unknown.Take(NamesShown))}" +
                (unknown.Count > NamesShown ? $" and {unknown.Count - NamesShown:N0} more." : ".");
        }
    }

    private static string? UsageProblem(UsagePattern usage)
    {
        if (usage.MinHours is < 1 or > 24) return "Hours of the day: from 1 to 24.";
        if (usage.Days is < 1 or > MaxUsageDays) return $"The window: from 1 to {MaxUsageDays} days.";
        if (usage.MinDays < 1 || usage.MinDays > usage.Days) return $"Days with that usage: from 1 to the window's {usage.Days}.";
        return null;
    }
}

/// <summary>An explicit list of organizations: entries that read as ids are ids, the others names.</summary>
public static class ExplicitList
{
    public static (List<Guid> Ids, List<string> NormalizedNames) Parse(IEnumerable<string> entries)
    {
        var ids = new List<Guid>();
        var names = new List<string>();
        foreach (var entry in entries)
        {
            if (Guid.TryParse(entry, out var id)) ids.Add(id);
            else names.Add(Organization.Normalize(entry));
        }
        return (ids, names);
    }

    /// <summary>One entry per non-blank line, trimmed, without repeats.</summary>
    public static IReadOnlyList<string> FromText(string? text) =>
        (text ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
