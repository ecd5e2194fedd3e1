namespace AccessConsole.Web.Data;

/// <summary>
/// A prefix search as a range (<c>from &lt;= column &lt; to</c>), which both providers serve from an
/// ordinary index, unlike LIKE, whose use of an index depends on collations.
/// </summary>
public readonly record struct PrefixRange(string From, string To)
{
    public static PrefixRange Of(string prefix)
    {
        if (prefix.Length == 0) throw new ArgumentException("A prefix range needs a prefix.", nameof(prefix));
        var last = prefix[^1];
        var to = last == char.MaxValue ? prefix + char.MaxValue : prefix[..^1] + (char)(last + 1);
        return new PrefixRange(prefix, to);
    }
}
