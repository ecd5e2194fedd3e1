using System.IO.Compression;
using System.Text;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using AccessConsole.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// Exports any search of the audit log as CSV or JSON Lines, streamed: events are read in sequence order in
/// batches and written as they come, so memory stays flat whatever the size. Each export reads up to the
/// chain head of its start (a consistent snapshot of an append-only log), and is itself audited once complete.
/// </summary>
public sealed class AuditExportService(IDbContextFactory<AccessConsoleDbContext> contexts, TimeProvider clock)
{
    public const string Action = "audit.export";

    /// <summary>A zip of the data file <paramref name="name"/> and manifest.json, to a stream that takes asynchronous writes only.</summary>
    public async Task<ExportManifest> ExportZipAsync(Actor actor, AuditFilter filter, ExportFormat format, string name, Stream destination, CancellationToken cancellationToken)
    {
        actor.Require(Policies.ReadAudit);
        var buffer = new SyncWriteBuffer(destination);
        ExportManifest manifest;
        await using (var zip = await ZipArchive.CreateAsync(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            await using (var data = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(cancellationToken))
            {
                manifest = await WriteAsync(actor, filter, format, name, data, cancellationToken);
            }
            await using var manifestEntry = await zip.CreateEntry("manifest.json", CompressionLevel.Fastest).OpenAsync(cancellationToken);
            await manifestEntry.WriteAsync(Encoding.UTF8.GetBytes(manifest.ToJson()), cancellationToken);
        }
        await buffer.FlushAsync(cancellationToken);
        await ExportAuditEvent.AppendAsync(contexts, clock, actor, filter, manifest, cancellationToken);
        return manifest;
    }

    /// <summary>The data file at <paramref name="path"/> and its manifest beside it, for operators (authorized by the caller).</summary>
    internal async Task<ExportManifest> ExportFilesAsync(Actor actor, AuditFilter filter, ExportFormat format, string path, CancellationToken cancellationToken)
    {
        ExportManifest manifest;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            manifest = await WriteAsync(actor, filter, format, Path.GetFileName(path), file, cancellationToken);
        }
        await File.WriteAllTextAsync(ManifestPathFor(path), manifest.ToJson(), new UTF8Encoding(false), cancellationToken);
        await ExportAuditEvent.AppendAsync(contexts, clock, actor, filter, manifest, cancellationToken);
        return manifest;
    }

    public static string ManifestPathFor(string path) => path + ".manifest.json";

    public string FileName(ExportFormat format) =>
        $"audit-export-{clock.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.{format.Name()}";

    private async Task<ExportManifest> WriteAsync(Actor actor, AuditFilter filter, ExportFormat format, string fileName, Stream destination, CancellationToken ct)
    {
        long through, after;
        string headHash;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
            (through, headHash) = (head?.Sequence ?? 0, head?.Hash ?? AuditChain.GenesisHash);
            after = await StartAfterAsync(db, filter, through, ct);
        }

        var hashing = new HashingStream(destination);
        var written = format == ExportFormat.Csv
            ? await ExportedEvents.WriteCsvAsync(contexts, filter, after, through, hashing, ct)
            : await ExportedEvents.WriteJsonLinesAsync(contexts, filter, after, through, hashing, ct);
        await hashing.FlushAsync(ct);
        return new ExportManifest
        {
            File = fileName,
            Format = format.Name(),
            Filter = AuditSearchParameters.Describe(filter),
            Count = written.Count,
            FirstSequence = written.FirstSequence,
            FirstHash = written.FirstHash,
            LastSequence = written.LastSequence,
            LastHash = written.LastHash,
            ChainHeadSequence = through,
            ChainHeadHash = headHash,
            Sha256 = hashing.FinishHash(),
            Bytes = hashing.BytesWritten,
            ExportedAt = clock.GetUtcNow().UtcDateTime,
            ExportedBy = actor.Name,
            ExportEventId = NewIds.Next(),
        };
    }

    /// <summary>
    /// Where the keyset walk starts: with a time range, just before its first event, found on the time index (which
    /// holds the sequence); otherwise the walk by sequence would first read every older event only to skip it.
    /// </summary>
    private static async Task<long> StartAfterAsync(AccessConsoleDbContext db, AuditFilter filter, long through, CancellationToken ct)
    {
        if (filter.From is not { } from) return 0;
        // "+ 0": SQLite answers MIN of the table's key by walking the table in key order until a row matches, which
        // reads every event older than the range (seconds on a large log); over an expression it reads the time index.
        var first = await db.AuditEvents.Where(e => e.OccurredAt >= from).MinAsync(e => (long?)(e.Sequence + 0), ct);
        return (first ?? through + 1) - 1;
    }
}
