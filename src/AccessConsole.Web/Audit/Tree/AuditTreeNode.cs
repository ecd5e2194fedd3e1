using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Audit.Tree;

/// <summary>
/// The root of one perfect subtree of the audit log's Merkle tree: 2^<see cref="Level"/> events from event
/// <c>Position × 2^Level + 1</c>. Only subtrees of a whole block (8 events) or more are kept, so that a root or a
/// proof reads a few dozen rows instead of every event. They are derived from the events and trusted by nothing:
/// verification recomputes the roots from the events themselves.
/// </summary>
public class AuditTreeNode
{
    public int Level { get; set; }
    public long Position { get; set; }
    public byte[] Hash { get; set; } = [];
}

public class AuditTreeNodeConfiguration : IEntityTypeConfiguration<AuditTreeNode>
{
    public void Configure(EntityTypeBuilder<AuditTreeNode> builder)
    {
        builder.ToTable("AuditTreeNodes");
        builder.HasKey(n => new { n.Level, n.Position });
        builder.Property(n => n.Hash).HasMaxLength(MerkleHash.Size).IsFixedLength().IsRequired();
    }
}
