namespace AccessConsole.Web.Audit.Export;

public enum ExportFormat
{
    Csv,
    JsonLines,
}

public static class ExportFormats
{
    public const string Parameter = "format";

    public static string Name(this ExportFormat format) => format == ExportFormat.Csv ? "csv" : "jsonl";

    public static string ContentType(this ExportFormat format) =>
        format == ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";

    public static ExportFormat? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "jsonl" or "json-lines" or "jsonlines" => ExportFormat.JsonLines,
        _ => null,
    };

    public const string Expected = "'csv' or 'jsonl'";
}
