namespace AccessConsole.Web.Audit;

/// <summary>
/// Database triggers that refuse UPDATE and DELETE on the audit table, so that even a person with write access
/// to the database cannot rewrite history without first dropping them (which the hash chain then exposes).
/// </summary>
public static class AuditTriggers
{
    public const string RefusalMessage = "AuditEvents is append-only";

    public const string SqliteCreate = $"""
        CREATE TRIGGER IF NOT EXISTS AuditEvents_RefuseUpdate BEFORE UPDATE ON AuditEvents
        BEGIN SELECT RAISE(ABORT, '{RefusalMessage}: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS AuditEvents_RefuseDelete BEFORE DELETE ON AuditEvents
        BEGIN SELECT RAISE(ABORT, '{RefusalMessage}: DELETE refused'); END;
        """;

    public const string SqliteDrop = """
        DROP TRIGGER IF EXISTS AuditEvents_RefuseUpdate;
        DROP TRIGGER IF EXISTS AuditEvents_RefuseDelete;
        """;

    // EXEC keeps CREATE TRIGGER first in its own batch, which the idempotent script's IF blocks require.
    public const string SqlServerCreate = $"""
        EXEC(N'CREATE TRIGGER [dbo].[AuditEvents_RefuseUpdateDelete] ON [dbo].[AuditEvents]
        INSTEAD OF UPDATE, DELETE
        AS
        BEGIN
            THROW 51000, N''{RefusalMessage}: UPDATE and DELETE are refused.'', 1;
        END');
        """;

    public const string SqlServerDrop = "DROP TRIGGER IF EXISTS [dbo].[AuditEvents_RefuseUpdateDelete];";
}
