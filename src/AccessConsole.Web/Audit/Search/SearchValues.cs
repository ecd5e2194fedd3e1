using System.Globalization;

namespace AccessConsole.Web.Audit.Search;

/// <summary>The text forms of search values in a URL: times, sequence numbers, subject ids.</summary>
public static class SearchValues
{
    private static readonly string[] TimeFormats =
        ["yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    public static string? FormatTime(DateTime? time, bool endOfDay)
    {
        if (time is not { } t) return null;
        if (!endOfDay && t.TimeOfDay == TimeSpan.Zero) return t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (endOfDay && t == t.Date.AddDays(1).AddTicks(-1)) return t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    internal static DateTime? ParseTime(string text, bool endOfDay)
    {
        const DateTimeStyles utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, utc, out var day))
        {
            return !Plausible(day) ? null : endOfDay ? day.AddDays(1).AddTicks(-1) : day;
        }
        return DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, utc, out var time) && Plausible(time) ? time : null;
    }

    // Subjects other than reason codes have GUID ids, stored in lower-case "D" form; accept any spelling of one.
    internal static string? SubjectIdOf(string? text) => Guid.TryParse(text, out var id) ? id.ToString("D") : text;

    // Far-off years are typing mistakes, and 9999 has no day after it to end a range on.
    internal static bool Plausible(DateTime time) => time.Year is >= 1900 and <= 9000;

    internal static long? ParseSequence(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0 ? sequence : null;

    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
