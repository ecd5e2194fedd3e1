using AccessConsole.Web.Audit.Search;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>The audit search with each filter, newest page and page 10,000 (where the filter has that many).</summary>
public static class AuditSearchOperations
{
    private const int DeepPage = 10_000;

    private sealed record Search(string Name, Func<int, AuditFilter> Filter, string Where, Func<AuditFilter, object?> Value);

    public static async Task RunAsync(OperationTable table, ScaleSample sample, PlainSql sql, AuditSearchService search)
    {
        var now = DateTime.UtcNow.Date;
        var searches = new[]
        {
            new Search("organization", i => new AuditFilter { OrganizationId = sample.Keys[i].OrganizationId }, "OrganizationId = $v", f => PlainSql.Id(f.OrganizationId!.Value)),
            new Search("actor", i => new AuditFilter { ActorId = $"demo-manager-{i % 5}" }, "ActorId = $v", f => f.ActorId),
            new Search("action", _ => new AuditFilter { Action = "access.restrict" }, "Action = $v", f => f.Action),
            new Search("reason", _ => new AuditFilter { ReasonCode = "capacity" }, "ReasonCode = $v", f => f.ReasonCode),
            new Search("subject", i => new AuditFilter { SubjectId = sample.Keys[i].Id.ToString("D") }, "SubjectId = $v", f => f.SubjectId),
            new Search("time range (a year)", _ => new AuditFilter { From = now.AddDays(-400), To = now.AddDays(-35) },
                "OccurredAt >= $v AND OccurredAt <= $to", f => PlainSql.Time(f.From!.Value)),
        };
        foreach (var s in searches)
        {
            var to = PlainSql.Time(now.AddDays(-35));
            await table.RowAsync($"audit search: {s.Name}, newest page", s.Filter,
                f => search.PageAsync(f, AuditCursor.Newest),
                f => sql.QueryAsync($"SELECT * FROM AuditEvents WHERE {s.Where} ORDER BY Sequence DESC LIMIT 51;", ("$v", s.Value(f)), ("$to", to)), warm: true);

            var deepName = $"audit search: {s.Name}, page 10,000";
            if (!table.Includes(deepName)) continue;
            var probe = s.Filter(0);
            var before = await sql.ScalarAsync($"SELECT Sequence FROM AuditEvents WHERE {s.Where} ORDER BY Sequence DESC LIMIT 1 OFFSET $offset;",
                ("$v", s.Value(probe)), ("$to", to), ("$offset", (DeepPage - 1) * AuditSearchService.PageSize - 1));
            if (before is null)
            {
                Console.WriteLine($"{deepName,-44} {"(fewer than 10,000 pages)",10}");
                continue;
            }
            var cursor = new AuditCursor(Before: Convert.ToInt64(before));
            await table.RowAsync(deepName, _ => probe,
                f => search.PageAsync(f, cursor),
                async f =>
                {
                    await sql.QueryAsync($"SELECT * FROM AuditEvents WHERE {s.Where} AND Sequence < $b ORDER BY Sequence DESC LIMIT 51;",
                        ("$v", s.Value(f)), ("$to", to), ("$b", cursor.Before));
                    await sql.ScalarAsync($"SELECT EXISTS (SELECT 1 FROM AuditEvents WHERE {s.Where} AND Sequence >= $b);", ("$v", s.Value(f)), ("$to", to), ("$b", cursor.Before));
                }, warm: true);
        }
    }
}
