using System.Buffers;
using SQLitePCL;

namespace AccessConsole.Web.Audit.Streaming;

/// <summary>
/// Where each canonical member sits in a statement's columns, and how to write one row's members from the column
/// values as they are stored: text as its UTF-8, GUIDs lower-cased, EF Core's time text in the canonical form.
/// </summary>
internal sealed class EventColumns
{
    private static readonly CanonicalMember[] Members = [.. CanonicalMembers.All];

    /// <summary>Control characters, the quote, the backslash and every non-ASCII byte: what a stored text most often lacks.</summary>
    private static readonly SearchValues<byte> NotPlainAscii =
        SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    private readonly int[] ordinals;
    private readonly int hash;

    private EventColumns(int[] ordinals, int hash) => (this.ordinals, this.hash) = (ordinals, hash);

    public int Sequence => ordinals[0];

    public static EventColumns Of(sqlite3_stmt statement)
    {
        var byName = Enumerable.Range(0, raw.sqlite3_column_count(statement))
            .ToDictionary(i => raw.sqlite3_column_name(statement, i).utf8_to_string(), StringComparer.OrdinalIgnoreCase);
        return new(Members.Select(m => byName[m.Name]).ToArray(), byName["hash"]);
    }

    /// <summary>Writes the current row to <paramref name="batch"/>; false, writing nothing, when a value is not in its usual form.</summary>
    public bool TryAdd(sqlite3_stmt statement, EventBatch batch, ArrayBufferWriter<byte> row)
    {
        row.ResetWrittenCount();
        var json = new CanonicalJson(row);
        var values = new StatementColumns(statement);
        var sequence = values.Int64(ordinals[0]);
        // The last member is the previous hash; a value read stays where SQLite put it until the next step.
        ReadOnlySpan<byte> previousHash = default;
        for (var m = 0; m < Members.Length; m++)
        {
            var (name, kind, nullable) = (Members[m].Utf8Name, Members[m].Kind, Members[m].Nullable);
            var column = ordinals[m];
            if (kind == CanonicalKind.Integer)
            {
                // The sequence is the table's integer key; only the nullable numbers can be stored otherwise.
                var type = m == 0 ? raw.SQLITE_INTEGER : values.Type(column);
                if (type == raw.SQLITE_NULL && nullable) json.Null(name);
                else if (m == 0) json.Number(name, sequence);
                else if (type == raw.SQLITE_INTEGER) json.Number(name, values.Int64(column));
                else return false;
                continue;
            }
            // As text, a stored number reads as the text SQLite gives it, which is also what EF Core's string reads.
            var value = values.Bytes(column);
            if (value.IsEmpty && values.Type(column) == raw.SQLITE_NULL)
            {
                if (!nullable) return false;
                json.Null(name);
                continue;
            }
            var written = kind switch
            {
                CanonicalKind.Guid => StoredValues.TryWriteGuid(json, name, value),
                CanonicalKind.Time => StoredValues.TryWriteTime(json, name, value),
                _ => TryWriteText(json, name, value),
            };
            if (!written) return false;
            previousHash = value;
        }
        var storedHash = values.Bytes(hash);
        if (!SqliteEventRows.IsPlainUtf8(storedHash)) return false;
        if (batch.Form == EventForm.JsonLine) json = json.Utf8String("hash"u8, storedHash);
        json.End();

        var start = batch.Text.WrittenCount;
        batch.Text.Write(row.WrittenSpan);
        batch.Added(sequence, start, storedHash, previousHash);
        return true;
    }

    private static bool TryWriteText(CanonicalJson json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        // One vectorized pass clears most stored text, which the general path scans three times (UTF-8, NUL, escapes).
        if (!value.ContainsAny(NotPlainAscii)) json.UnescapedString(name, value);
        else if (SqliteEventRows.IsPlainUtf8(value)) json.Utf8String(name, value);
        else return false;
        return true;
    }
}
