using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Security;
using Microsoft.AspNetCore.Http.Features;

namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// <c>GET /audit/export?format=csv|jsonl&amp;...filters</c>: a zip of the export and its manifest, streamed as it
/// is written (nothing is buffered whole), for Legal and Admin. The filters are those of the audit page's URL.
/// </summary>
public static class AuditExportEndpoint
{
    public const string Path = "/audit/export";

    public static void MapAuditExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(Policies.ReadAudit);

    public static string UrlFor(AuditFilter filter, ExportFormat format)
    {
        var query = AuditSearchParameters.ToQueryString(filter);
        return $"{Path}{(query.Length == 0 ? "?" : query + "&")}{ExportFormats.Parameter}={format.Name()}";
    }

    private static async Task<IResult> ExportAsync(HttpContext context, AuditExportService exports)
    {
        var search = AuditSearchParameters.Parse(context.Request.Query, ExportFormats.Parameter);
        var errors = search.Errors.ToList();
        if (search.Cursor != AuditCursor.Newest) errors.Add("An export takes every event of the search: leave out 'before' and 'after'.");
        var formatText = context.Request.Query[ExportFormats.Parameter];
        var format = formatText.Count == 0 ? ExportFormat.Csv : ExportFormats.Parse(formatText.Count == 1 ? formatText[0] : null);
        if (format is null) errors.Add($"'{ExportFormats.Parameter}' must be {ExportFormats.Expected}.");
        if (errors.Count > 0) return Results.Text(string.Join("\n", errors), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

        var name = exports.FileName(format!.Value);
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "application/zip";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.zip\"";
        await exports.ExportZipAsync(Actor.From(context.User), search.Filter, format.Value, name, context.Response.Body, context.RequestAborted);
        return Results.Empty;
    }
}
