using System.Buffers;
using AccessConsole.Web.Audit.Tree;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// The export's inclusion proof as JSON Lines, one subtree a line: <c>{"start":S,"size":N,"hash":"…"}</c>, in the
/// order the tree's recursion meets them (db/audit-format.md, "Inclusion proof").
/// </summary>
public static class ProofFile
{
    public const string Name = "proof.jsonl";

    /// <summary>Lines are gathered and written some hundreds at a time: a scattered export's proof has hundreds of thousands.</summary>
    private const int FlushAt = 1 << 16;

    private static async Task FlushAsync(Stream destination, ArrayBufferWriter<byte> lines, CancellationToken ct)
    {
        await destination.WriteAsync(lines.WrittenMemory, ct);
        lines.ResetWrittenCount();
    }

    /// <summary>Writes the proof for <paramref name="leaves"/> in the tree of the first <paramref name="treeSize"/> events; answers its entries and SHA-256.</summary>
    public static async Task<(long Entries, string Sha256)> WriteAsync(
        IDbContextFactory<AccessConsoleDbContext> contexts, long treeSize, LeafRuns leaves, Stream destination, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        using var hashing = new HashingStream(destination);
        var lines = new ArrayBufferWriter<byte>(1 << 17);
        var entries = 0L;
        await InclusionProof.WriteAsync(new AuditTreeReader(db, treeSize), leaves, entry =>
        {
            new CanonicalJson(lines).Number("start"u8, entry.Start).Number("size"u8, entry.Size).String("hash"u8, Convert.ToHexStringLower(entry.Hash)).End();
            lines.Write("\n"u8);
            entries++;
            return lines.WrittenCount < FlushAt ? Task.CompletedTask : FlushAsync(hashing, lines, ct);
        }, ct);
        await FlushAsync(hashing, lines, ct);
        await hashing.FlushAsync(ct);
        return (entries, hashing.FinishHash());
    }
}
