using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace AccessConsole.Web.Audit.Search;

/// <summary>A search read from a URL query (or the command line): the filter, the page position, and what was wrong.</summary>
public sealed record AuditSearchRequest(AuditFilter Filter, AuditCursor Cursor, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The URL form of a search, so that every search is a shareable link: reading a URL restores the search, and
/// writing one reflects every filter and the page position. Bad input becomes a message, never an exception.
/// </summary>
public static class AuditSearchParameters
{
    public const string Organization = "organization";
    public const string Actor = "actor";
    public const string Action = "action";
    public const string Reason = "reason";
    public const string Subject = "subject";
    public const string From = "from";
    public const string To = "to";
    public const string Before = "before";
    public const string After = "after";
    public const int MaxValueLength = 200;

    public static IReadOnlyList<string> FilterNames { get; } = [Organization, Actor, Action, Reason, Subject, From, To];

    /// <summary>Reads the query of a URL, absolute or relative (<c>/audit?action=...</c>).</summary>
    public static AuditSearchRequest ParseUrl(string url, params string[] otherNames)
    {
        var withoutFragment = url.Split('#')[0];
        var start = withoutFragment.IndexOf('?');
        return Parse(QueryHelpers.ParseQuery(start < 0 ? "" : withoutFragment[start..]), otherNames);
    }

    /// <param name="otherNames">Names the caller reads itself (an export's format), accepted without complaint.</param>
    public static AuditSearchRequest Parse(IEnumerable<KeyValuePair<string, StringValues>> query, params string[] otherNames)
    {
        var errors = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rawName, rawValues) in query)
        {
            var name = rawName.ToLowerInvariant();
            if (otherNames.Contains(name)) continue;
            if (!FilterNames.Contains(name) && name is not Before and not After)
            {
                errors.Add($"'{SearchValues.Shorten(rawName)}' is not a filter of the audit log; use {string.Join(", ", FilterNames)}.");
            }
            else if (rawValues.Count > 1) errors.Add($"Give '{name}' once.");
            else Keep(name, rawValues.ToString().Trim());
        }

        void Keep(string name, string value)
        {
            if (value.Length > MaxValueLength) errors.Add($"'{name}' is too long: at most {MaxValueLength} characters.");
            else if (value.Length > 0) values[name] = value;
        }

        var filter = new AuditFilter
        {
            OrganizationId = Read<Guid>(values, Organization, errors, v => Guid.TryParse(v, out var id) ? id : null, "an organization id (a GUID)"),
            ActorId = values.GetValueOrDefault(Actor),
            Action = values.GetValueOrDefault(Action),
            ReasonCode = values.GetValueOrDefault(Reason),
            SubjectId = SearchValues.SubjectIdOf(values.GetValueOrDefault(Subject)),
            From = Read(values, From, errors, v => SearchValues.ParseTime(v, endOfDay: false), "a date (2026-03-01) or a UTC time (2026-03-01T14:30:00Z)"),
            To = Read(values, To, errors, v => SearchValues.ParseTime(v, endOfDay: true), "a date (2026-03-01) or a UTC time (2026-03-01T14:30:00Z)"),
        };
        if (filter.From > filter.To) errors.Add("The time range ends before it starts: 'from' is after 'to'.");

        var cursor = new AuditCursor(
            Read(values, Before, errors, SearchValues.ParseSequence, "a sequence number"),
            Read(values, After, errors, v => v == "0" ? 0 : SearchValues.ParseSequence(v), "a sequence number"));
        if (cursor is { Before: not null, After: not null }) errors.Add("Give 'before' or 'after', not both.");
        return new(filter, cursor, errors);
    }

    /// <summary>The query string (with its '?', or empty) of a search and page position.</summary>
    public static string ToQueryString(AuditFilter filter, AuditCursor? cursor = null)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add(new(name, value));
        }
        Add(Organization, filter.OrganizationId?.ToString("D"));
        Add(Actor, filter.ActorId);
        Add(Action, filter.Action);
        Add(Reason, filter.ReasonCode);
        Add(Subject, filter.SubjectId);
        Add(From, SearchValues.FormatTime(filter.From, endOfDay: false));
        Add(To, SearchValues.FormatTime(filter.To, endOfDay: true));
        Add(Before, cursor?.Before?.ToString(CultureInfo.InvariantCulture));
        Add(After, cursor?.After?.ToString(CultureInfo.InvariantCulture));
        return QueryString.Create(parts).ToUriComponent();
    }

    /// <summary>The filter as name/value pairs, in URL form, for manifests and the export's audit event.</summary>
    public static IReadOnlyDictionary<string, string> Describe(AuditFilter filter) =>
        QueryHelpers.ParseQuery(ToQueryString(filter)).ToDictionary(p => p.Key, p => p.Value.ToString());

    private static T? Read<T>(Dictionary<string, string> values, string name, List<string> errors, Func<string, T?> parse, string expected) where T : struct
    {
        if (!values.TryGetValue(name, out var text)) return null;
        var value = parse(text);
        if (value is null) errors.Add($"'{name}' must be {expected}, not '{SearchValues.Shorten(text)}'.");
        return value;
    }
}
