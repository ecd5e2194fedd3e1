using System.Globalization;
using System.Text;
using CsvHelper;

namespace AccessConsole.Web.Audit.Export;

/// <summary>Writes events to an export file one at a time, asynchronously, holding nothing but its buffer.</summary>
public interface IAuditEventWriter : IAsyncDisposable
{
    ValueTask WriteAsync(AuditEvent e, CancellationToken cancellationToken);

    ValueTask FinishAsync(CancellationToken cancellationToken);

    public static IAuditEventWriter For(ExportFormat format, Stream destination) => format switch
    {
        ExportFormat.Csv => new CsvEventWriter(destination),
        _ => new JsonLinesEventWriter(destination),
    };
}

/// <summary>
/// One line per event: its canonical JSON with its stored hash as a last member (db/audit-format.md), so that
/// anyone can recompute each hash and link from the file alone. UTF-8, no byte order mark, LF after each line.
/// </summary>
public sealed class JsonLinesEventWriter(Stream destination) : IAuditEventWriter
{
    private readonly StreamWriter writer = new(destination, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };

    public async ValueTask WriteAsync(AuditEvent e, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(AuditChain.JsonLine(e).AsMemory(), cancellationToken);
        await writer.WriteAsync("\n".AsMemory(), cancellationToken);
    }

    public async ValueTask FinishAsync(CancellationToken cancellationToken) => await writer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}

/// <summary>
/// RFC 4180 CSV for people and spreadsheets: a header of the canonical field names and <c>hash</c>, the same text
/// values as the canonical form, empty cells for absent values, every cell neutralized against formulas.
/// UTF-8 with a byte order mark, so that spreadsheets read it as UTF-8.
/// </summary>
public sealed class CsvEventWriter : IAuditEventWriter
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

    public static IEnumerable<string?> Cells(AuditEvent e) =>
    [
        e.Sequence.ToString(CultureInfo.InvariantCulture), e.EventId.ToString("D"), AuditChain.Time(e.OccurredAt),
        e.ActorId, e.ActorName, e.ActorRoles, e.Action, e.SubjectKind, e.SubjectId, e.SubjectName,
        e.OrganizationId?.ToString("D"), e.OrganizationName, e.ReasonCode, e.Justification, e.TicketReference,
        e.PolicyClause, e.AccessBefore, e.AccessAfter, e.CorrelationId?.ToString("D"), e.ApproverId, e.ApproverName,
        e.UndoesSequence?.ToString(CultureInfo.InvariantCulture), e.PreviousChangeSequence?.ToString(CultureInfo.InvariantCulture),
        e.Details, e.PreviousHash, e.Hash,
    ];
}
