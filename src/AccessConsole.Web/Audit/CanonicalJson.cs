using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace AccessConsole.Web.Audit;

/// <summary>
/// Writes one flat JSON object, as UTF-8, the way db/audit-format.md defines it: members in the order written, no
/// whitespace, integers in decimal, strings escaped as ECMAScript's JSON.stringify (and Python's json.dumps with
/// ensure_ascii=False) escape them. The rule depends on no Unicode table, so that a future runtime or another
/// language produces the same bytes for the same event. Writes into the caller's buffer, so that a reader of
/// millions of events reuses one.
/// </summary>
internal readonly struct CanonicalJson
{
    // Only these are escaped: the quote, the backslash and U+0000 to U+001F; every other character is written as itself.
    private const string Escaped = "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f";
    private static readonly SearchValues<char> EscapedChars = SearchValues.Create(Escaped);
    private static readonly SearchValues<byte> EscapedBytes = SearchValues.Create(Encoding.ASCII.GetBytes(Escaped));

    private readonly ArrayBufferWriter<byte> output;
    private readonly int start;

    /// <summary>Opens an object at the end of <paramref name="output"/>.</summary>
    public CanonicalJson(ArrayBufferWriter<byte> output)
    {
        this.output = output;
        start = output.WrittenCount;
        output.Write("{"u8);
    }

    public CanonicalJson Number(ReadOnlySpan<byte> name, long? value)
    {
        Name(name);
        if (value is not { } number) return Null();
        Utf8Formatter.TryFormat(number, output.GetSpan(20), out var written);
        output.Advance(written);
        return this;
    }

    public CanonicalJson String(ReadOnlySpan<byte> name, string? value)
    {
        Name(name);
        if (value is null) return Null();
        WriteString(output, value);
        return this;
    }

    /// <summary>A string member given as its UTF-8 bytes, which must be valid UTF-8 (see <see cref="System.Text.Unicode.Utf8.IsValid"/>).</summary>
    public CanonicalJson Utf8String(ReadOnlySpan<byte> name, ReadOnlySpan<byte> utf8)
    {
        Name(name);
        WriteString(output, utf8);
        return this;
    }

    /// <summary>A string member given as UTF-8 known to hold nothing to escape (printable ASCII other than the quote and backslash).</summary>
    public CanonicalJson UnescapedString(ReadOnlySpan<byte> name, ReadOnlySpan<byte> utf8)
    {
        Name(name);
        var span = output.GetSpan(utf8.Length + 2);
        span[0] = (byte)'"';
        utf8.CopyTo(span[1..]);
        span[utf8.Length + 1] = (byte)'"';
        output.Advance(utf8.Length + 2);
        return this;
    }

    public CanonicalJson Null(ReadOnlySpan<byte> name)
    {
        Name(name);
        return Null();
    }

    /// <summary>Closes the object; call once, after the last member.</summary>
    public void End() => output.Write("}"u8);

    private CanonicalJson Null()
    {
        output.Write("null"u8);
        return this;
    }

    /// <summary>Member names are the format's own, which need no escaping.</summary>
    private void Name(ReadOnlySpan<byte> name)
    {
        var span = output.GetSpan(name.Length + 4);
        var length = 0;
        if (output.WrittenCount > start + 1) span[length++] = (byte)',';
        span[length++] = (byte)'"';
        name.CopyTo(span[length..]);
        length += name.Length;
        span[length++] = (byte)'"';
        span[length++] = (byte)':';
        output.Advance(length);
    }

    /// <summary>
    /// A lone surrogate has no UTF-8 form; UTF-8 encoders (and so the database) write U+FFFD for it, and so does
    /// <see cref="Encoding.UTF8"/> here. Escaped characters are ASCII, so splitting the text at them never splits a pair.
    /// </summary>
    internal static void WriteString(ArrayBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        // At most three bytes of UTF-8 per UTF-16 character, and six for an escaped one.
        var span = output.GetSpan(6 * value.Length + 2);
        var length = 0;
        span[length++] = (byte)'"';
        while (true)
        {
            var plain = value.IndexOfAny(EscapedChars);
            length += Encoding.UTF8.GetBytes(plain < 0 ? value : value[..plain], span[length..]);
            if (plain < 0) break;
            length += Escape(value[plain], span[length..]);
            value = value[(plain + 1)..];
        }
        span[length++] = (byte)'"';
        output.Advance(length);
    }

    internal static void WriteString(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        var span = output.GetSpan(6 * utf8.Length + 2);
        var length = 0;
        span[length++] = (byte)'"';
        while (true)
        {
            var plain = utf8.IndexOfAny(EscapedBytes);
            var run = plain < 0 ? utf8 : utf8[..plain];
            run.CopyTo(span[length..]);
            length += run.Length;
            if (plain < 0) break;
            length += Escape((char)utf8[plain], span[length..]);
            utf8 = utf8[(plain + 1)..];
        }
        span[length++] = (byte)'"';
        output.Advance(length);
    }

    private static int Escape(char c, Span<byte> span)
    {
        var escaped = c switch
        {
            '"' => "\\\""u8,
            '\\' => "\\\\"u8,
            '\b' => "\\b"u8,
            '\t' => "\\t"u8,
            '\n' => "\\n"u8,
            '\f' => "\\f"u8,
            '\r' => "\\r"u8,
            _ => [],
        };
        if (escaped.IsEmpty)
        {
            "\\u00"u8.CopyTo(span);
            (span[4], span[5]) = (Hex(c >> 4), Hex(c & 0xF));
            return 6;
        }
        escaped.CopyTo(span);
        return escaped.Length;
    }

    private static byte Hex(int digit) => (byte)"0123456789abcdef"[digit];
}
