using AccessConsole.Web.Data;
using AccessConsole.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit;

/// <summary>
/// Appends events to the hash chain inside the caller's transaction. Appends never fork the chain: on SQLite
/// every transaction of the app begins IMMEDIATE (one writer at a time); on SQL Server the chain head is
/// guarded by an exclusive application lock held until the transaction ends.
/// </summary>
public static class AuditLog
{
    private const string ChainHeadLock = "AccessConsole.AuditChainHead";

    /// <summary>Takes the chain-head lock; call first in the transaction, before reading anything it decides on.</summary>
    public static async Task LockChainHeadAsync(AccessConsoleDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit events are appended inside the transaction of the change they record.");
        }
        if (db.Provider == DatabaseProvider.SqlServer)
        {
            await db.Database.ExecuteSqlRawAsync(
                "EXEC sp_getapplock @Resource = {0}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000;",
                [ChainHeadLock], cancellationToken);
        }
    }

    /// <summary>
    /// Runs a change in one transaction with the audit events it appends, under the chain-head lock: when the change
    /// answers <c>Write</c>, its context is saved and committed, both or neither; otherwise nothing is written.
    /// </summary>
    public static async Task<T> WriteAsync<T>(IDbContextFactory<AccessConsoleDbContext> contexts,
        Func<AccessConsoleDbContext, Task<(T Result, bool Write)>> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await WriteAsync(db, () => change(db), cancellationToken);
    }

    /// <summary>
    /// As above, on a context of the caller's, which may have read what it checks before the transaction (the checks
    /// that need no lock), and whose tracked changes the caller reads once this returns.
    /// </summary>
    public static async Task<T> WriteAsync<T>(AccessConsoleDbContext db, Func<Task<(T Result, bool Write)>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockChainHeadAsync(db, cancellationToken);
        var (result, write) = await change();
        if (!write) return result;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Runs a change that always writes (its events, at least) in one transaction under the chain-head lock.</summary>
    public static Task WriteAsync(IDbContextFactory<AccessConsoleDbContext> contexts, Func<AccessConsoleDbContext, Task> change,
        CancellationToken cancellationToken) =>
        WriteAsync(contexts, async db =>
        {
            await change(db);
            return (true, true);
        }, cancellationToken);

    /// <summary>
    /// Numbers, links and seals the events after the current head, and adds them to the context. The head is the
    /// newest event this context has appended and not yet saved, when there is one, so that a transaction may append
    /// events that name one appended before them.
    /// </summary>
    public static async Task AppendAsync(AccessConsoleDbContext db, IEnumerable<AuditEvent> events, CancellationToken cancellationToken)
    {
        var unsaved = db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity).MaxBy(e => e.Sequence);
        var head = unsaved is not null ? new { unsaved.Sequence, unsaved.Hash } : await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = head?.Sequence ?? 0;
        var previousHash = head?.Hash ?? AuditChain.GenesisHash;
        foreach (var e in events)
        {
            if (e.EventId == Guid.Empty) e.EventId = NewIds.Next();
            AuditChain.Seal(e, ++sequence, previousHash);
            previousHash = e.Hash;
            db.AuditEvents.Add(e);
        }
    }
}
