namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// Keeps spreadsheets from running a cell as a formula (CSV injection): a cell that begins with = + - @, tab or
/// carriage return gets an apostrophe in front, which spreadsheets read as "this is text". A cell that already
/// begins with an apostrophe gets one more, so that dropping one leading apostrophe always gives the original.
/// </summary>
public static class CsvCells
{
    public const char Escape = '\'';

    private static readonly char[] Dangerous = ['=', '+', '-', '@', '\t', '\r', Escape];

    public static string? Neutralize(string? cell) =>
        cell is { Length: > 0 } && Dangerous.Contains(cell[0]) ? Escape + cell : cell;

    /// <summary>The original text of a neutralized cell.</summary>
    public static string? Restore(string? cell) =>
        cell is { Length: > 0 } && cell[0] == Escape ? cell[1..] : cell;
}
