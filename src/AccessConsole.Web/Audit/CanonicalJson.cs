using System.Globalization;
using System.Text;

namespace AccessConsole.Web.Audit;

/// <summary>
/// Writes one flat JSON object the way db/audit-format.md defines it: members in the order written, no
/// whitespace, integers in decimal, strings escaped as ECMAScript's JSON.stringify (and Python's
/// json.dumps with ensure_ascii=False) escape them. The rule depends on no Unicode table, so that a
/// future runtime or another language produces the same bytes for the same event.
/// </summary>
internal sealed class CanonicalJson
{
    private readonly StringBuilder text = new("{", 1024);

    public CanonicalJson Number(string name, long? value) =>
        Member(name, value is { } number ? number.ToString(CultureInfo.InvariantCulture) : "null");

    public CanonicalJson String(string name, string? value)
    {
        Name(name);
        if (value is null) text.Append("null");
        else AppendString(text, value);
        return this;
    }

    /// <summary>Closes the object and answers its text; call once, after the last member.</summary>
    public override string ToString() => text.Append('}').ToString();

    private CanonicalJson Member(string name, string literal)
    {
        Name(name);
        text.Append(literal);
        return this;
    }

    private void Name(string name)
    {
        if (text.Length > 1) text.Append(',');
        AppendString(text, name);
        text.Append(':');
    }

    internal static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                case var high when char.IsHighSurrogate(high) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]):
                    builder.Append(high).Append(value[++i]);
                    break;
                // A lone surrogate has no UTF-8 form; UTF-8 encoders (and so the database) write U+FFFD for it.
                case var lone when char.IsSurrogate(lone): builder.Append('\uFFFD'); break;
                default: builder.Append(c); break;
            }
        }
        builder.Append('"');
    }
}
