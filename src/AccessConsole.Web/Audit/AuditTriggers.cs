namespace AccessConsole.Web.Audit;

/// <summary>
/// Database triggers that refuse every way of changing or removing an audit event (UPDATE, DELETE, and on SQLite
/// REPLACE and upsert), so that even a person with write access to the database cannot rewrite history without first
/// dropping them (which the hash chain then exposes).
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

    /// <summary>
    /// SQLite fires no delete trigger when <c>INSERT OR REPLACE</c> removes the row it conflicts with (unless
    /// recursive_triggers is on, which a connection can turn off), so an insert that would meet an existing sequence or
    /// event id is refused before conflict resolution runs. The lookups use the primary key and the event id's index.
    /// </summary>
    public const string SqliteRefuseOverwrite = $"""
        CREATE TRIGGER IF NOT EXISTS AuditEvents_RefuseOverwrite BEFORE INSERT ON AuditEvents
        WHEN EXISTS (SELECT 1 FROM AuditEvents WHERE Sequence = NEW.Sequence)
          OR EXISTS (SELECT 1 FROM AuditEvents WHERE EventId = NEW.EventId)
        BEGIN SELECT RAISE(ABORT, '{RefusalMessage}: an existing event cannot be replaced'); END;
        """;

    public const string SqliteDropRefuseOverwrite = "DROP TRIGGER IF EXISTS AuditEvents_RefuseOverwrite;";

    /// <summary>Signed checkpoints are kept the same way: no update, delete or insert over an existing one.</summary>
    public const string SqliteCheckpointsCreate = $"""
        CREATE TRIGGER IF NOT EXISTS AuditCheckpoints_RefuseUpdate BEFORE UPDATE ON AuditCheckpoints
        BEGIN SELECT RAISE(ABORT, '{CheckpointRefusalMessage}: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS AuditCheckpoints_RefuseDelete BEFORE DELETE ON AuditCheckpoints
        BEGIN SELECT RAISE(ABORT, '{CheckpointRefusalMessage}: DELETE refused'); END;
        CREATE TRIGGER IF NOT EXISTS AuditCheckpoints_RefuseOverwrite BEFORE INSERT ON AuditCheckpoints
        WHEN EXISTS (SELECT 1 FROM AuditCheckpoints WHERE Number = NEW.Number)
        BEGIN SELECT RAISE(ABORT, '{CheckpointRefusalMessage}: an existing checkpoint cannot be replaced'); END;
        """;

    public const string SqliteCheckpointsDrop = """
        DROP TRIGGER IF EXISTS AuditCheckpoints_RefuseUpdate;
        DROP TRIGGER IF EXISTS AuditCheckpoints_RefuseDelete;
        DROP TRIGGER IF EXISTS AuditCheckpoints_RefuseOverwrite;
        """;

    public const string CheckpointRefusalMessage = "AuditCheckpoints is append-only";

    /// <summary>Drops every refusal: what an attacker with database rights does first (the tamper tests do it too).</summary>
    public const string SqliteDrop = """
        DROP TRIGGER IF EXISTS AuditEvents_RefuseUpdate;
        DROP TRIGGER IF EXISTS AuditEvents_RefuseDelete;
        DROP TRIGGER IF EXISTS AuditEvents_RefuseOverwrite;
        DROP TRIGGER IF EXISTS AuditCheckpoints_RefuseUpdate;
        DROP TRIGGER IF EXISTS AuditCheckpoints_RefuseDelete;
        DROP TRIGGER IF EXISTS AuditCheckpoints_RefuseOverwrite;
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

    public const string SqlServerCheckpointsCreate = $"""
        EXEC(N'CREATE TRIGGER [dbo].[AuditCheckpoints_RefuseUpdateDelete] ON [dbo].[AuditCheckpoints]
        INSTEAD OF UPDATE, DELETE
        AS
        BEGIN
            THROW 51000, N''{CheckpointRefusalMessage}: UPDATE and DELETE are refused.'', 1;
        END');
        """;

    public const string SqlServerCheckpointsDrop = "DROP TRIGGER IF EXISTS [dbo].[AuditCheckpoints_RefuseUpdateDelete];";
}
