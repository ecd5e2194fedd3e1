using AccessConsole.Web.Audit.Tree;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Checkpoints;

/// <summary>Signs checkpoints of the chain's head: on a schedule, at every export, and on demand.</summary>
public sealed class CheckpointService(
    IDbContextFactory<AccessConsoleDbContext> contexts, CheckpointSigningKey key, CheckpointWitness witness, TimeProvider clock, ILogger<CheckpointService> logger)
{
    public const string Scheduled = "schedule";
    public const string AtExport = "export";
    public const string OnDemand = "demand";

    public string PublicKeyPem => key.PublicKeyPem;

    /// <summary>Signs other statements with the checkpoints' key (an export's manifest).</summary>
    public byte[] Sign(byte[] data) => key.Sign(data);

    /// <summary>Signs the head as it is now. Taken under the chain-head lock, so checkpoints never fork either.</summary>
    public async Task<AuditCheckpoint> CreateAsync(string reason, CancellationToken ct) => (await CreateAsync(reason, onlyIfGrown: false, ct))!;

    /// <param name="onlyIfGrown">Sign nothing (and answer null) when the last checkpoint already has the current head.</param>
    public async Task<AuditCheckpoint?> CreateAsync(string reason, bool onlyIfGrown, CancellationToken ct)
    {
        // Most of the tree's catching up is done before the chain is locked: changes wait only for the last few events.
        await AuditTree.CatchUpAsync(contexts, ct);
        var checkpoint = await AuditLog.WriteAsync(contexts, async db =>
        {
            var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
            var previous = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Number).Select(c => new { c.Number, c.Hash, c.HeadSequence }).FirstOrDefaultAsync(ct);
            if (onlyIfGrown && previous is not null && previous.HeadSequence == (head?.Sequence ?? 0)) return ((AuditCheckpoint?)null, false);
            var signed = new AuditCheckpoint
            {
                Number = (previous?.Number ?? 0) + 1,
                HeadSequence = head?.Sequence ?? 0,
                HeadHash = head?.Hash ?? AuditChain.GenesisHash,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                Reason = reason,
                PreviousHash = previous?.Hash ?? AuditChain.GenesisHash,
                KeyId = key.KeyId,
                TreeRoot = await AuditTree.RootAsync(db, head?.Sequence ?? 0, ct),
            };
            signed.Hash = signed.ComputeHash();
            signed.Signature = Convert.ToBase64String(key.Sign(signed.CanonicalText()));
            db.AuditCheckpoints.Add(signed);
            return (signed, true);
        }, ct);
        if (checkpoint is null) return null;
        try
        {
            await witness.WriteAsync(checkpoint, ct);
        }
        catch (IOException e)
        {
            // The checkpoint stands in the database; verification reports the witness's missing copy.
            logger.LogError(e, "Checkpoint {Number} could not be written to the witness folder {Folder}", checkpoint.Number, witness.Folder);
        }
        return checkpoint;
    }

    /// <summary>The latest checkpoint, or none yet.</summary>
    public async Task<AuditCheckpoint?> LatestAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Number).FirstOrDefaultAsync(ct);
    }
}
