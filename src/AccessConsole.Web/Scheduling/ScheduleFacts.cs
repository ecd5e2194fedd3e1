using System.Text.Json;

namespace AccessConsole.Web.Scheduling;

/// <summary>
/// What an audit event's details say about a schedule: when the change it schedules takes effect (on the event that
/// scheduled it or asked approval for it), and which event scheduled it (on the change applied at its time).
/// </summary>
public sealed record ScheduleFacts(DateTime? TakesEffect, long? ScheduledBy)
{
    public static ScheduleFacts? Of(string? details)
    {
        if (details is null || !details.Contains("\"takesEffect\"", StringComparison.Ordinal) && !details.Contains("\"scheduledBy\"", StringComparison.Ordinal))
        {
            return null;
        }
        using var json = JsonDocument.Parse(details);
        var root = json.RootElement;
        var definition = root.TryGetProperty("definition", out var d) ? d : root;
        DateTime? takesEffect = definition.TryGetProperty("takesEffect", out var t) && t.ValueKind == JsonValueKind.String
            ? DateTime.SpecifyKind(t.GetDateTime(), DateTimeKind.Utc)
            : null;
        long? scheduledBy = root.TryGetProperty("scheduledBy", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
        return takesEffect is null && scheduledBy is null ? null : new ScheduleFacts(takesEffect, scheduledBy);
    }
}
