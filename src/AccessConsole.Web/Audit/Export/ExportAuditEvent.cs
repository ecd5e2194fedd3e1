using System.Text.Json;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// The audit event of an export, appended once the file is complete, like every write: in its own transaction,
/// under the chain-head lock. An export of one organization's events is filed under that organization too,
/// so that its timeline shows who took its history out, and when.
/// </summary>
public static class ExportAuditEvent
{
    /// <summary>Appends the export's own audit event: who exported which filter, how many events, which file.</summary>
    public static async Task AppendAsync(
        IDbContextFactory<AccessConsoleDbContext> contexts, TimeProvider clock, Actor actor, AuditFilter filter, ExportManifest manifest, CancellationToken ct)
    {
        await AuditLog.WriteAsync(contexts, async db =>
        {
            var organizationName = filter.OrganizationId is { } id
                ? await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(ct)
                : null;
            var details = new
            {
                filter = manifest.Filter,
                format = manifest.Format,
                count = manifest.Count,
                firstSequence = manifest.FirstSequence,
                lastSequence = manifest.LastSequence,
                chainHeadSequence = manifest.ChainHeadSequence,
                file = manifest.File,
                sha256 = manifest.Sha256,
            };
            var exportEvent = new AuditEvent(actor, clock.GetUtcNow().UtcDateTime, AuditExportService.Action)
            {
                EventId = manifest.ExportEventId,
                SubjectKind = "AuditLog",
                SubjectName = $"{manifest.Count:N0} events as {manifest.Format}",
                OrganizationId = organizationName is null ? null : filter.OrganizationId,
                OrganizationName = organizationName,
                Details = JsonSerializer.Serialize(details),
            };
            await AuditLog.AppendAsync(db, [exportEvent], ct);
        }, ct);
    }

    /// <summary>
    /// Files that an export already audited did not reach the person whole: the connection ended before its last byte
    /// was handed over. The export's own event stands; this one says what became of it.
    /// </summary>
    public static async Task AppendUndeliveredAsync(
        IDbContextFactory<AccessConsoleDbContext> contexts, TimeProvider clock, Actor actor, ExportManifest manifest, string reason, CancellationToken ct)
    {
        var undelivered = new AuditEvent(actor, clock.GetUtcNow().UtcDateTime, UndeliveredAction)
        {
            EventId = Guid.NewGuid(),
            SubjectKind = "AuditLog",
            SubjectId = manifest.ExportEventId.ToString(),
            SubjectName = $"{manifest.Count:N0} events as {manifest.Format}",
            Details = JsonSerializer.Serialize(new { exportEventId = manifest.ExportEventId, file = manifest.File, reason }),
        };
        await AuditLog.WriteAsync(contexts, db => AuditLog.AppendAsync(db, [undelivered], ct), ct);
    }

    public const string UndeliveredAction = "audit.export-undelivered";
}
