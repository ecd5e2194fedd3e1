namespace AccessConsole.Web.Audit.Export;

/// <summary>An export whose own audit event could not be written: it was not handed out, and nothing of it is kept.</summary>
public sealed class ExportNotAuditedException(Exception cause)
    : Exception($"The export was not kept: its audit event could not be written ({cause.Message}). Nothing was exported.", cause);
