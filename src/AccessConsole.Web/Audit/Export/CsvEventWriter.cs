using CsvHelper;

namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// RFC 4180 CSV for people and spreadsheets: a header of the canonical field names and <c>hash</c>, the same text
/// values as the canonical form, empty cells for absent values, every cell neutralized against formulas.
/// UTF-8 with a byte order mark, so that spreadsheets read it as UTF-8.
/// </summary>
public sealed class CsvEventWriter : IAsyncDisposable
{
    public static IReadOnlyList<string> Columns { get; } = [.. AuditChain.FieldNames, "hash"];

    private readonly CsvWriter csv;
    private bool headerWritten;

    public CsvEventWriter(Stream destination) =>
        csv = CsvWriter.Create(destination, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);

    public async ValueTask WriteAsync(AuditEvent e, CancellationToken cancellationToken)
    {
        if (!headerWritten)
        {
            csv.WriteHeader(Columns.ToArray());
            headerWritten = true;
        }
        foreach (var cell in Cells(e)) csv.WriteField(CsvCells.Neutralize(cell));
        await csv.EndRecordAsync(cancellationToken);
    }

    public async ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        if (!headerWritten) csv.WriteHeader(Columns.ToArray());
        headerWritten = true;
        await csv.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => csv.DisposeAsync();

    public static IEnumerable<string?> Cells(AuditEvent e) => [.. CanonicalMembers.All.Select(m => m.Text(e)), e.Hash];
}
