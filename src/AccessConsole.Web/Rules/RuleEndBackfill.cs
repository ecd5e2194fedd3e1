namespace AccessConsole.Web.Rules;

/// <summary>
/// Run once by the migration that gives rules their end: a rule in force whose end was kept only as the removal its
/// last change scheduled (no request of its own, decided on the rule's current version) gets that time as its end.
/// Plain SQL that SQLite and SQL Server both read; SQL Server runs it through EXEC, compiled only once the column exists.
/// </summary>
public static class RuleEndBackfill
{
    public static string SqlServer => $"EXEC(N'{Sql.Replace("'", "''", StringComparison.Ordinal)}');";

    public const string Sql = """
        UPDATE PlatformRules SET EndsAt = (
            SELECT MIN(s.TakesEffectAt) FROM ScheduledChanges s
            INNER JOIN ChangeJobs j ON j.Id = s.JobId
            INNER JOIN ChangeJobItems i ON i.JobId = j.Id
            WHERE i.SubjectId = PlatformRules.Id AND i.ExpectedVersion = PlatformRules.Version
                AND j.Origin = 'Rule' AND j.State = 'Scheduled'
                AND NOT EXISTS (SELECT 1 FROM ApprovalRequests a WHERE a.JobId = j.Id))
        WHERE State = 'Active';
        """;
}
