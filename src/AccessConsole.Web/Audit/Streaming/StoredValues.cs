using System.Buffers;
using System.Text;

namespace AccessConsole.Web.Audit.Streaming;

/// <summary>
/// The canonical text of GUIDs and times from the text EF Core stores for them on SQLite, without parsing them into
/// values and formatting them again. Only the exact stored forms are taken; anything else is left to EF Core.
/// </summary>
internal static class StoredValues
{
    private static readonly SearchValues<byte> HexDigitsAndDash = SearchValues.Create("0123456789abcdefABCDEF-"u8);

    /// <summary>A GUID as 36 characters, in the groups 8-4-4-4-12, written lower-case (as <c>Guid.ToString("D")</c> does).</summary>
    public static bool TryWriteGuid(CanonicalJson json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> stored)
    {
        if (stored.Length != 36 || stored[8] != '-' || stored[13] != '-' || stored[18] != '-' || stored[23] != '-'
            || stored.ContainsAnyExcept(HexDigitsAndDash) || stored.Count((byte)'-') != 4)
        {
            return false;
        }
        Span<byte> lower = stackalloc byte[36];
        Ascii.ToLower(stored, lower, out _);
        json.Utf8String(name, lower);
        return true;
    }

    /// <summary>
    /// EF Core's <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> (the fraction, with its trailing zeros dropped, may be absent)
    /// as the canonical <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, for a date and time that exist.
    /// </summary>
    public static bool TryWriteTime(CanonicalJson json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> stored)
    {
        if (stored.Length is < 19 or 20 or > 27 || stored[4] != '-' || stored[7] != '-' || stored[10] != ' ' || stored[13] != ':' || stored[16] != ':') return false;
        if (stored.Length > 19 && stored[19] != '.') return false;
        if (!TryNumber(stored[..4], out var year) || !TryNumber(stored.Slice(5, 2), out var month) || !TryNumber(stored.Slice(8, 2), out var day)
            || !TryNumber(stored.Slice(11, 2), out var hour) || !TryNumber(stored.Slice(14, 2), out var minute) || !TryNumber(stored.Slice(17, 2), out var second)
            || stored.Length > 20 && !TryNumber(stored[20..], out _))
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;

        Span<byte> canonical = stackalloc byte[28];
        stored[..19].CopyTo(canonical);
        canonical[10] = (byte)'T';
        canonical[19] = (byte)'.';
        canonical[20..27].Fill((byte)'0');
        if (stored.Length > 20) stored[20..].CopyTo(canonical[20..]);
        canonical[27] = (byte)'Z';
        json.Utf8String(name, canonical);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + digit - '0';
        }
        return true;
    }
}
