using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Verification;
using AccessConsole.Web.Data;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Audit;

/// <summary>Real events through the real services, and raw SQL for what the app itself never does.</summary>
internal static class AuditTestData
{
    public static IDbContextFactory<AccessConsoleDbContext> Contexts(this ConsoleFactory factory) =>
        factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>();

    public static Task<ChainVerification> VerifyAsync(this ConsoleFactory factory) =>
        new AuditVerifier(factory.Contexts(), new TestActor("Lee Legal", Roles.Legal)).VerifyAsync();

    /// <summary>Revokes active demo keys through the access service, one change each, all at once when asked.</summary>
    public static async Task<AccessChangeResult[]> RevokeKeysAsync(this ConsoleFactory factory, int count, bool concurrently = false)
    {
        var service = new AccessChangeService(factory.Contexts(), new TestActor("Ann Manager", Roles.AccountManager), TimeProvider.System);
        await using var db = await factory.Contexts().CreateDbContextAsync();
        var keys = await db.ApiKeys.Where(k => k.AccessState == AccessState.Active).OrderBy(k => k.Name).Take(count)
            .Select(k => new { k.Id, k.AccessVersion }).ToListAsync();
        Assert.Equal(count, keys.Count);
        var requests = keys.Select(k => new AccessChangeRequest
        {
            Subject = new SubjectRef(SubjectKind.ApiKey, k.Id),
            Kind = ChangeKind.Revoke,
            ExpectedVersion = k.AccessVersion,
            ReasonCode = StandardReasonCodes.KeyExposed,
            Justification = "Rotating keys found in a leaked configuration file.",
            TicketReference = "SEC-4000",
        }).ToList();
        if (concurrently) return await Task.WhenAll(requests.Select(r => Task.Run(() => service.ChangeAsync(r))));
        var results = new List<AccessChangeResult>();
        foreach (var request in requests) results.Add(await service.ChangeAsync(request));
        return [.. results];
    }

    public static async Task<SqliteConnection> OpenAsync(this ConsoleFactory factory)
    {
        var connection = new SqliteConnection(TestDatabase.ConnectionString(factory.DatabasePath));
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<int> ExecuteAsync(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<AuditEvent>> EventsAsync(this ConsoleFactory factory)
    {
        await using var db = await factory.Contexts().CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private static readonly string[] Columns =
    [
        "Sequence", "EventId", "OccurredAt", "ActorId", "ActorName", "ActorRoles", "Action", "SubjectKind", "SubjectId",
        "SubjectName", "OrganizationId", "OrganizationName", "ReasonCode", "Justification", "TicketReference", "PolicyClause",
        "AccessBefore", "AccessAfter", "CorrelationId", "ApproverId", "ApproverName", "UndoesSequence", "PreviousChangeSequence",
        "Details", "PreviousHash", "Hash",
    ];

    /// <summary>A prepared raw INSERT of every column, with values in the forms EF Core stores.</summary>
    public static SqliteCommand InsertCommand(this SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO AuditEvents ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        foreach (var column in Columns) command.Parameters.Add(new SqliteParameter("$" + column, null));
        return command;
    }

    public static async Task InsertAsync(this SqliteCommand insert, AuditEvent e)
    {
        object?[] values =
        [
            e.Sequence, e.EventId, e.OccurredAt, e.ActorId, e.ActorName, e.ActorRoles, e.Action, e.SubjectKind, e.SubjectId,
            e.SubjectName, e.OrganizationId, e.OrganizationName, e.ReasonCode, e.Justification, e.TicketReference, e.PolicyClause,
            e.AccessBefore, e.AccessAfter, e.CorrelationId, e.ApproverId, e.ApproverName, e.UndoesSequence, e.PreviousChangeSequence,
            e.Details, e.PreviousHash, e.Hash,
        ];
        for (var i = 0; i < values.Length; i++) insert.Parameters[i].Value = values[i] ?? DBNull.Value;
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Appends <paramref name="count"/> events to the chain in one raw transaction, sealed by the same AuditChain code
    /// the app uses: a quick way to a large, valid log. Organizations take turns from <paramref name="organizations"/>;
    /// events are 30 seconds apart from <paramref name="from"/> (1 January 2025 unless given).
    /// </summary>
    public static async Task AppendSyntheticEventsAsync(this ConsoleFactory factory, int count, IReadOnlyList<(Guid Id, string Name)> organizations,
        DateTime? from = null)
    {
        var head = (await factory.EventsTailAsync()) ?? (0, AuditChain.GenesisHash);
        await using var connection = await factory.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.InsertCommand(transaction);
        var (sequence, previousHash) = head;
        var start = from ?? new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var organization = organizations[i % organizations.Count];
            var e = new AuditEvent
            {
                EventId = Guid.NewGuid(),
                OccurredAt = start.AddSeconds(i * 30),
                ActorId = "bulk:ann",
                ActorName = "Ann Manager",
                ActorRoles = Roles.AccountManager,
                Action = i % 3 == 0 ? "access.restrict" : "access.revoke",
                SubjectKind = nameof(SubjectKind.Organization),
                SubjectId = organization.Id.ToString("D"),
                SubjectName = organization.Name,
                OrganizationId = organization.Id,
                OrganizationName = organization.Name,
                ReasonCode = StandardReasonCodes.Capacity,
                Justification = $"Synthetic change {i:N0}: capped during a load test of the audit export, with text long enough to look like a real justification.",
                TicketReference = $"LOAD-{i}",
                AccessBefore = "{\"State\":\"Active\"}",
                AccessAfter = "{\"State\":\"Restricted\",\"Restriction\":{\"RequestsPerMinute\":500}}",
            };
            AuditChain.Seal(e, ++sequence, previousHash);
            previousHash = e.Hash;
            await insert.InsertAsync(e);
        }
        await transaction.CommitAsync();
    }

    private static async Task<(long, string)?> EventsTailAsync(this ConsoleFactory factory)
    {
        await using var db = await factory.Contexts().CreateDbContextAsync();
        var head = await db.AuditEvents.OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync();
        return head is null ? null : (head.Sequence, head.Hash);
    }
}
