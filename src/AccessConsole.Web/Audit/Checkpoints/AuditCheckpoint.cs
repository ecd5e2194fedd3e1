using System.Buffers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Audit.Checkpoints;

/// <summary>
/// A signed statement of the audit chain's head at a moment: the head's sequence and hash, the time, and the hash of
/// the checkpoint before it. Kept append-only beside the log, and copied to a witness outside the database, so that a
/// log cut short or resealed before it no longer matches what was signed.
/// </summary>
public class AuditCheckpoint
{
    /// <summary>1, 2, 3 … with no gap.</summary>
    public long Number { get; set; }

    public long HeadSequence { get; set; }
    public string HeadHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Why it was made: <c>schedule</c>, <c>export</c> or <c>demand</c>.</summary>
    public string Reason { get; set; } = "";

    /// <summary>The hash of the previous checkpoint (64 zeros for the first).</summary>
    public string PreviousHash { get; set; } = "";

    /// <summary>The SHA-256 of the signing key's public key (SubjectPublicKeyInfo, DER), lower-case hex.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>
    /// The root of the Merkle tree over events 1 to <see cref="HeadSequence"/> (db/audit-format.md, "Merkle tree"), which
    /// inclusion proofs are checked against; none for checkpoints signed before the console kept the tree.
    /// </summary>
    public string? TreeRoot { get; set; }

    /// <summary>The SHA-256 of the canonical text, lower-case hex.</summary>
    public string Hash { get; set; } = "";

    /// <summary>The signature over the canonical text's UTF-8 bytes, DER-encoded, in base64.</summary>
    public string Signature { get; set; } = "";

    /// <summary>The text that is hashed and signed (db/audit-format.md, "Checkpoints").</summary>
    public byte[] CanonicalText()
    {
        var output = new ArrayBufferWriter<byte>(512);
        var json = new CanonicalJson(output)
            .Number("checkpoint"u8, Number)
            .Number("headSequence"u8, HeadSequence)
            .String("headHash"u8, HeadHash)
            .String("createdAt"u8, AuditChain.Time(CreatedAt))
            .String("reason"u8, Reason)
            .String("previousHash"u8, PreviousHash)
            .String("keyId"u8, KeyId);
        // Present only when there is one, so that the checkpoints signed before it keep their text and signature.
        if (TreeRoot is not null) json.String("treeRoot"u8, TreeRoot);
        json.End();
        return output.WrittenSpan.ToArray();
    }

    public string ComputeHash() => Convert.ToHexStringLower(SHA256.HashData(CanonicalText()));
}

public class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public const string Table = "AuditCheckpoints";

    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(c => c.Number);
        builder.Property(c => c.Number).ValueGeneratedNever();
        builder.Property(c => c.HeadHash).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Reason).HasMaxLength(16).IsRequired();
        builder.Property(c => c.PreviousHash).HasMaxLength(64).IsRequired();
        builder.Property(c => c.KeyId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Hash).HasMaxLength(64).IsRequired();
        builder.Property(c => c.TreeRoot).HasMaxLength(64);
        builder.Property(c => c.Signature).HasMaxLength(1024).IsRequired();
    }
}
