using System.Globalization;

namespace AccessConsole.Web.Shared;

/// <summary>
/// What free text that staff write (justifications, tickets, comments, names) may hold. Control characters, the
/// Unicode direction overrides and isolates, and invisible format characters are refused: they make stored text read
/// otherwise than it is (a right-to-left override turns "gnp.exe" into what looks like "exe.png").
/// </summary>
public static class FreeText
{
    /// <summary>The message for the text's field, or null when the text may be stored.</summary>
    public static string? Problem(string text, bool multiline = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (multiline && c is '\n' or '\r' or '\t') continue;
            if (char.IsControl(c)) return "Remove the control characters.";
            if (IsInvisible(c)) return $"Remove the invisible or direction-changing character U+{(int)c:X4}: it would make the text read otherwise than it is.";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return "Remove the broken character: half of a character pair is not text.";
        }
        return null;
    }

    /// <summary>The text without its invisible format characters (zero-width spaces, direction marks, byte-order marks).</summary>
    public static string WithoutInvisible(string text) =>
        text.Any(IsInvisible) ? string.Concat(text.Where(c => !IsInvisible(c))) : text;

    // Format (Cf) holds the zero-width characters and every bidi control; line and paragraph separators break lines unseen.
    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
