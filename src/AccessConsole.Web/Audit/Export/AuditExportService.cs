using System.Data.Common;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using AccessConsole.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// Exports any search of the audit log as CSV or JSON Lines, streamed: events are read in sequence order in
/// batches and written as they come, so memory stays flat whatever the size. Each export reads up to the
/// chain head of its start (a consistent snapshot of an append-only log). The file is written aside first and
/// leaves (to the person, or to its place on disk) only once its own audit event is committed.
/// </summary>
public sealed class AuditExportService(IDbContextFactory<AccessConsoleDbContext> contexts, CheckpointService checkpoints, TimeProvider clock)
{
    public const string Action = "audit.export";

    /// <summary>A zip of the data file <paramref name="name"/> and manifest.json, to a stream that takes asynchronous writes only.</summary>
    public async Task<ExportManifest> ExportZipAsync(Actor actor, AuditFilter filter, ExportFormat format, string name, Stream destination, CancellationToken cancellationToken)
    {
        actor.Require(Policies.ReadAudit);
        await using var staged = StagedFile();
        await using var stagedProof = StagedFile();
        var (manifest, _) = await WriteAsync(actor, filter, format, (name, ProofFile.Name), staged, stagedProof, cancellationToken);
        // Written in full: from here the event is owed whatever the person's connection does.
        await ExportAuditEvent.AppendAsync(contexts, clock, actor, filter, manifest, CancellationToken.None);
        try
        {
            staged.Position = 0;
            stagedProof.Position = 0;
            await SendZipAsync(staged, stagedProof, name, manifest, destination, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            await ExportAuditEvent.AppendUndeliveredAsync(contexts, clock, actor, manifest, e.Message, CancellationToken.None);
            throw;
        }
        return manifest;
    }

    private static FileStream StagedFile() => new(Path.Combine(Path.GetTempPath(), $"accessconsole-export-{Guid.NewGuid():N}"), FileMode.CreateNew,
        FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous | FileOptions.DeleteOnClose);

    /// <summary>The zip: the data file, its inclusion proof, the manifest, the manifest's signature and the public key that checks it.</summary>
    private async Task SendZipAsync(Stream staged, Stream stagedProof, string name, ExportManifest manifest, Stream destination, CancellationToken cancellationToken)
    {
        var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJson());
        var buffer = new SyncWriteBuffer(destination);
        await using (var zip = await ZipArchive.CreateAsync(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            await using (var data = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(cancellationToken))
            {
                await staged.CopyToAsync(data, cancellationToken);
            }
            await using (var proof = await zip.CreateEntry(ProofFile.Name, CompressionLevel.Fastest).OpenAsync(cancellationToken))
            {
                await stagedProof.CopyToAsync(proof, cancellationToken);
            }
            await AddEntryAsync(zip, ManifestFile, manifestBytes, cancellationToken);
            await AddEntryAsync(zip, ManifestFile + SignatureSuffix, checkpoints.Sign(manifestBytes), cancellationToken);
            await AddEntryAsync(zip, PublicKeyFile, Encoding.ASCII.GetBytes(checkpoints.PublicKeyPem), cancellationToken);
        }
        await buffer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// The data file at <paramref name="path"/> and its manifest beside it, for operators (authorized by the caller).
    /// Written under a partial name, and given its name only once its audit event is committed: when the log cannot be
    /// written, no export is left behind.
    /// </summary>
    /// <exception cref="ExportNotAuditedException">The export's audit event could not be written.</exception>
    internal async Task<(ExportManifest Manifest, TimeSpan ProofTime)> ExportFilesAsync(Actor actor, AuditFilter filter, ExportFormat format, string path, CancellationToken cancellationToken)
    {
        var partial = path + ".partial";
        var partialProof = ProofPathFor(path) + ".partial";
        try
        {
            ExportManifest manifest;
            TimeSpan proofTime;
            try
            {
                await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                await using (var proof = new FileStream(partialProof, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    (manifest, proofTime) = await WriteAsync(actor, filter, format, (Path.GetFileName(path), Path.GetFileName(ProofPathFor(path))), file, proof, cancellationToken);
                }
                await ExportAuditEvent.AppendAsync(contexts, clock, actor, filter, manifest, cancellationToken);
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                throw new ExportNotAuditedException(e);
            }
            File.Move(partial, path);
            File.Move(partialProof, ProofPathFor(path));
            var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJson());
            await File.WriteAllBytesAsync(ManifestPathFor(path), manifestBytes, cancellationToken);
            await File.WriteAllBytesAsync(ManifestPathFor(path) + SignatureSuffix, checkpoints.Sign(manifestBytes), cancellationToken);
            await File.WriteAllTextAsync(PublicKeyPathFor(path), checkpoints.PublicKeyPem, cancellationToken);
            return (manifest, proofTime);
        }
        finally
        {
            File.Delete(partial);
            File.Delete(partialProof);
        }
    }

    public const string ManifestFile = "manifest.json";
    public const string SignatureSuffix = ".sig";
    public const string PublicKeyFile = "public-key.pem";

    public static string ManifestPathFor(string path) => path + "." + ManifestFile;

    public static string PublicKeyPathFor(string path) => path + "." + PublicKeyFile;

    public static string ProofPathFor(string path) => path + "." + ProofFile.Name;

    private static async Task AddEntryAsync(ZipArchive zip, string name, byte[] content, CancellationToken ct)
    {
        await using var entry = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(ct);
        await entry.WriteAsync(content, ct);
    }

    public string FileName(ExportFormat format) =>
        $"audit-export-{clock.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.{format.Name()}";

    /// <returns>The manifest, and how long the inclusion proof took (the benchmark compares it with the whole).</returns>
    private async Task<(ExportManifest, TimeSpan)> WriteAsync(
        Actor actor, AuditFilter filter, ExportFormat format, (string Data, string Proof) names, Stream destination, Stream proofDestination, CancellationToken ct)
    {
        // Every export signs the head it reads up to: the manifest carries that checkpoint, and the file ends there.
        var checkpoint = await checkpoints.CreateAsync(CheckpointService.AtExport, ct);
        var (through, headHash) = (checkpoint.HeadSequence, checkpoint.HeadHash);
        long after;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            after = await StartAfterAsync(db, filter, through, ct);
        }

        var hashing = new HashingStream(destination);
        var written = format == ExportFormat.Csv
            ? await ExportedEvents.WriteCsvAsync(contexts, filter, after, through, hashing, ct)
            : await ExportedEvents.WriteJsonLinesAsync(contexts, filter, after, through, hashing, ct);
        await hashing.FlushAsync(ct);
        var proofStarted = Stopwatch.GetTimestamp();
        var (proofEntries, proofSha256) = await ProofFile.WriteAsync(contexts, through, written.Leaves, proofDestination, ct);
        var proofTime = Stopwatch.GetElapsedTime(proofStarted);
        return (new ExportManifest
        {
            File = names.Data,
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
            ProofFile = names.Proof,
            ProofEntries = proofEntries,
            ProofSha256 = proofSha256,
            Checkpoint = CheckpointFile.Of(checkpoint),
        }, proofTime);
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
