using AccessConsole.Web.Audit.Verification;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Checkpoints;

/// <summary>What checking the checkpoints found: how many, the latest that holds, and every problem, in order.</summary>
public sealed record CheckpointVerification(int Count, AuditCheckpoint? Latest, IReadOnlyList<string> Problems, bool WitnessChecked)
{
    public bool IsIntact => Problems.Count == 0;

    public string Summary => IsIntact
        ? Count == 0 ? "No checkpoint signed yet." : $"{Count:N0} signed checkpoints hold; the latest covers events 1–{Latest!.HeadSequence:N0}{(WitnessChecked ? ", and the witness agrees" : " (no witness folder configured)")}."
        : $"Checkpoints do not hold: {string.Join(" ", Problems)}";
}

/// <summary>
/// Checks every checkpoint: its hash, its signature, its link to the one before, that the log still holds the event it
/// signed with that hash, and that the witness outside the database holds the same checkpoints. A log cut short or
/// resealed before the latest checkpoint fails here even when the chain is consistent in itself.
/// </summary>
public sealed class CheckpointVerifier(IDbContextFactory<AccessConsoleDbContext> contexts, CheckpointSigningKey key, CheckpointWitness witness)
{
    private const int HeadsPerQuery = 500;

    /// <param name="chain">The chain's verification just made, whose recomputed tree roots are compared with the signed ones.</param>
    public async Task<CheckpointVerification> VerifyAsync(CancellationToken ct, ChainVerification? chain = null)
    {
        var problems = new List<string>();
        List<AuditCheckpoint> stored;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            stored = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Number).ToListAsync(ct);
        }
        var previousHash = AuditChain.GenesisHash;
        for (var i = 0; i < stored.Count; i++)
        {
            var c = stored[i];
            if (c.Number != i + 1) problems.Add($"Checkpoint {i + 1} is missing.");
            if (c.PreviousHash != previousHash) problems.Add($"Checkpoint {c.Number} is not linked to the one before it.");
            problems.AddRange(Unsigned(c));
            previousHash = c.Hash;
        }
        await CheckHeadsAsync(stored, problems, ct);
        if (chain is not null) problems.AddRange(TreeRootProblems(stored, chain));
        await CheckWitnessAsync(stored, problems, ct);
        var latest = problems.Count == 0 ? stored.LastOrDefault() : null;
        return new(stored.Count, latest, problems, witness.IsConfigured);
    }

    /// <summary>
    /// A signed root must be the root of the events as they are: otherwise a proof checked against it could prove an
    /// event the log never held. Only checkpoints the chain's walk reached are compared (a broken chain stops it).
    /// </summary>
    private static IEnumerable<string> TreeRootProblems(List<AuditCheckpoint> checkpoints, ChainVerification chain) =>
        from c in checkpoints
        where c.TreeRoot is not null && chain.TreeRoots.TryGetValue(c.HeadSequence, out var root) && root != c.TreeRoot
        select $"Checkpoint {c.Number} signed a Merkle tree root that the events 1–{c.HeadSequence:N0} do not give: the log or its stored tree was altered.";

    private IEnumerable<string> Unsigned(AuditCheckpoint c)
    {
        if (c.ComputeHash() != c.Hash) yield return $"Checkpoint {c.Number} does not match its hash.";
        else if (c.KeyId != key.KeyId) yield return $"Checkpoint {c.Number} is signed by another key ({c.KeyId[..16]}…) than the console's.";
        else if (!TryVerify(c)) yield return $"Checkpoint {c.Number}'s signature is not valid.";
    }

    private bool TryVerify(AuditCheckpoint c)
    {
        try
        {
            return key.Verify(c.CanonicalText(), Convert.FromBase64String(c.Signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The log must still hold each signed head with the signed hash (event 0 is the genesis).</summary>
    private async Task CheckHeadsAsync(List<AuditCheckpoint> checkpoints, List<string> problems, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var chunk in checkpoints.Where(c => c.HeadSequence > 0).Chunk(HeadsPerQuery))
        {
            var sequences = chunk.Select(c => c.HeadSequence).Distinct().ToList();
            var hashes = await db.AuditEvents.AsNoTracking().Where(e => sequences.Contains(e.Sequence))
                .ToDictionaryAsync(e => e.Sequence, e => e.Hash, ct);
            foreach (var c in chunk)
            {
                if (!hashes.TryGetValue(c.HeadSequence, out var hash))
                {
                    problems.Add($"Checkpoint {c.Number} signed event {c.HeadSequence}, which the log no longer holds: events were removed.");
                }
                else if (hash != c.HeadHash)
                {
                    problems.Add($"Checkpoint {c.Number} signed event {c.HeadSequence} with another hash: the log was rewritten up to there.");
                }
            }
        }
    }

    private async Task CheckWitnessAsync(List<AuditCheckpoint> stored, List<string> problems, CancellationToken ct)
    {
        if (!witness.IsConfigured) return;
        var (witnessed, unreadable) = await witness.ReadAllAsync(ct);
        problems.AddRange(unreadable.Select(name => $"The witness's {name} cannot be read."));
        var inDatabase = stored.ToDictionary(c => c.Number);
        foreach (var (number, copy) in witnessed)
        {
            if (!inDatabase.TryGetValue(number, out var c)) problems.Add($"The witness holds checkpoint {number}, which the database does not.");
            else if (CheckpointFile.Of(c) != CheckpointFile.Of(copy)) problems.Add($"Checkpoint {number} differs from the witness's copy.");
        }
        // The witness is checked on its own too: what it signed must still be in the log.
        var onlyInWitness = witnessed.Values.Where(c => !inDatabase.ContainsKey(c.Number)).ToList();
        foreach (var c in onlyInWitness) problems.AddRange(Unsigned(c));
        await CheckHeadsAsync(onlyInWitness, problems, ct);
        problems.AddRange(stored.Where(c => !witnessed.ContainsKey(c.Number)).Select(c => $"The witness has no copy of checkpoint {c.Number}."));
    }
}
