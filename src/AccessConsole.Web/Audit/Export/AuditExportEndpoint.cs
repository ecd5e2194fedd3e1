using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// <c>POST /audit/export?format=csv|jsonl&amp;...filters</c>: a zip of the export and its manifest, streamed as it
/// is written (nothing is buffered whole), for Legal and Admin. The filters are those of the audit page's URL. A POST
/// with the console's antiforgery token, so that no other site can make a member of legal export (and write an
/// <c>audit.export</c> event with a filter of its choosing).
/// </summary>
public static class AuditExportEndpoint
{
    public const string Path = "/audit/export";

    public static void MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ExportAsync).RequireAuthorization(Policies.ReadAudit)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        // An old bookmark or another site's link: say how to export instead of a bare "not found".
        endpoints.MapGet(Path, () => Results.Text(LinkMessage, "text/plain; charset=utf-8", statusCode: StatusCodes.Status405MethodNotAllowed))
            .RequireAuthorization(Policies.ReadAudit);
    }

    public const string LinkMessage =
        "Exports are no longer made by following a link, so nothing was exported. Use the Export buttons of the audit page.";

    public const string CrossSiteMessage =
        "This export did not come from a page of AccessConsole, so nothing was exported. Export from the audit page itself.";

    public static string UrlFor(AuditFilter filter, ExportFormat format)
    {
        var query = AuditSearchParameters.ToQueryString(filter);
        return $"{Path}{(query.Length == 0 ? "?" : query + "&")}{ExportFormats.Parameter}={format.Name()}";
    }

    private static async Task<IResult> ExportAsync(HttpContext context, AuditExportService exports)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return Results.Text(CrossSiteMessage, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
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
