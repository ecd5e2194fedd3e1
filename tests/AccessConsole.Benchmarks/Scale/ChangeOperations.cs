using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>
/// One revoke, one restrict and one restore of a key through the access service (its transaction and audit
/// append), beside the same work in plain SQL: lock, read the subject, update it, read the chain head, insert the
/// sealed event, commit. The service and the floor change different keys, so neither sees the other's versions.
/// </summary>
public static class ChangeOperations
{
    private sealed record Pair(ScaleSample.Key ForService, ScaleSample.Key ForSql);

    public static async Task RunAsync(OperationTable table, ScaleSample sample, PlainSql sql, BenchmarkApp app)
    {
        var service = new AccessChangeService(app.Contexts, new BenchmarkApp.FixedActor(new Actor("bench:am", "Benchmark", [Roles.AccountManager])),
            TimeProvider.System, app.Services.GetRequiredService<AccessChangeSignal>());
        var half = sample.Keys.Count / 2;
        Pair Revoked(int i) => new(sample.Keys[i % half], sample.Keys[half + i % half]);

        await table.RowAsync("change: revoke a key", Revoked,
            p => ChangeAsync(service, sql, p.ForService, ChangeKind.Revoke),
            p => PlainChangeAsync(sql, p.ForSql, "access.revoke", AccessState.Revoked));
        await table.RowAsync("change: restore it", Revoked,
            p => ChangeAsync(service, sql, p.ForService, ChangeKind.Restore),
            p => PlainChangeAsync(sql, p.ForSql, "access.restore", AccessState.Active));
        await table.RowAsync("change: restrict a key", Revoked,
            p => ChangeAsync(service, sql, p.ForService, ChangeKind.Restrict),
            p => PlainChangeAsync(sql, p.ForSql, "access.restrict", AccessState.Restricted));
    }

    private static async Task ChangeAsync(AccessChangeService service, PlainSql sql, ScaleSample.Key key, ChangeKind kind)
    {
        var version = Convert.ToInt32(await sql.ScalarAsync("SELECT AccessVersion FROM ApiKeys WHERE Id = $id;", ("$id", PlainSql.Id(key.Id))));
        var result = await service.ChangeAsync(new AccessChangeRequest
        {
            Subject = new SubjectRef(SubjectKind.ApiKey, key.Id),
            Kind = kind,
            ExpectedVersion = version,
            ReasonCode = StandardReasonCodes.Capacity,
            Justification = "Scale benchmark: one change through the service.",
            Restriction = kind == ChangeKind.Restrict ? new Restriction { RequestsPerMinute = 100 } : null,
        });
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Values));
    }

    private static async Task PlainChangeAsync(PlainSql sql, ScaleSample.Key key, string action, AccessState state)
    {
        await using var transaction = sql.Connection.BeginTransaction(deferred: false);
        sql.Transaction = transaction;
        var id = ("$id", (object?)PlainSql.Id(key.Id));
        await sql.QueryAsync("SELECT * FROM ApiKeys AS k INNER JOIN Organizations AS o ON k.OrganizationId = o.Id WHERE k.Id = $id;", id);
        var now = DateTime.UtcNow;
        await Execute(sql, "UPDATE ApiKeys SET AccessState = $state, AccessVersion = AccessVersion + 1, AccessReasonCode = 'capacity', AccessChangedBy = 'Benchmark', AccessChangedAt = $now WHERE Id = $id;",
            id, ("$state", state.ToString()), ("$now", PlainSql.Time(now)));
        long sequence = 0;
        var previousHash = AuditChain.GenesisHash;
        await using (var head = sql.Command("SELECT Sequence, Hash FROM AuditEvents ORDER BY Sequence DESC LIMIT 1;"))
        await using (var reader = await head.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync()) (sequence, previousHash) = (reader.GetInt64(0), reader.GetString(1));
        }
        var e = new AuditEvent
        {
            EventId = Guid.NewGuid(), OccurredAt = now, ActorId = "bench:sql", ActorName = "Benchmark", ActorRoles = "AccountManager",
            Action = action, SubjectKind = nameof(SubjectKind.ApiKey), SubjectId = key.Id.ToString("D"), OrganizationId = key.OrganizationId,
            ReasonCode = StandardReasonCodes.Capacity, Justification = "Scale benchmark: the same change in plain SQL.",
        };
        AuditChain.Seal(e, sequence + 1, previousHash);
        await Execute(sql,
            "INSERT INTO AuditEvents (Sequence, EventId, OccurredAt, ActorId, ActorName, ActorRoles, Action, SubjectKind, SubjectId, OrganizationId, ReasonCode, Justification, PreviousHash, Hash) " +
            "VALUES ($seq, $eventId, $at, $actorId, $actorName, $roles, $action, $kind, $subject, $org, $reason, $justification, $previous, $hash);",
            ("$seq", e.Sequence), ("$eventId", PlainSql.Id(e.EventId)), ("$at", PlainSql.Time(e.OccurredAt)), ("$actorId", e.ActorId), ("$actorName", e.ActorName),
            ("$roles", e.ActorRoles), ("$action", e.Action), ("$kind", e.SubjectKind), ("$subject", e.SubjectId), ("$org", PlainSql.Id(key.OrganizationId)),
            ("$reason", e.ReasonCode), ("$justification", e.Justification), ("$previous", e.PreviousHash), ("$hash", e.Hash));
        await transaction.CommitAsync();
        sql.Transaction = null;
    }

    private static async Task Execute(PlainSql sql, string text, params (string Name, object? Value)[] parameters)
    {
        await using var command = sql.Command(text, parameters);
        await command.ExecuteNonQueryAsync();
    }
}
