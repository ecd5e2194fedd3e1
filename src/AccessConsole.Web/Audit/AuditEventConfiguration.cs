using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Audit;

public class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public const string Table = "AuditEvents";

    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.HasIndex(e => e.EventId).IsUnique();
        builder.Property(e => e.ActorId).HasMaxLength(200).IsRequired();
        builder.Property(e => e.ActorName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.ActorRoles).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.SubjectKind).HasMaxLength(32);
        builder.Property(e => e.SubjectId).HasMaxLength(64);
        builder.Property(e => e.SubjectName).HasMaxLength(300);
        builder.Property(e => e.OrganizationName).HasMaxLength(200);
        builder.Property(e => e.ReasonCode).HasMaxLength(64);
        builder.Property(e => e.Justification).HasMaxLength(2000);
        builder.Property(e => e.TicketReference).HasMaxLength(100);
        builder.Property(e => e.PolicyClause).HasMaxLength(200);
        builder.Property(e => e.AccessBefore).HasMaxLength(4000);
        builder.Property(e => e.AccessAfter).HasMaxLength(4000);
        builder.Property(e => e.ApproverId).HasMaxLength(200);
        builder.Property(e => e.ApproverName).HasMaxLength(200);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Hash).HasMaxLength(64).IsRequired();

        // Every search filter pairs with Sequence so that keyset paging is served by an index.
        builder.HasIndex(e => new { e.OrganizationId, e.Sequence });
        builder.HasIndex(e => new { e.ActorId, e.Sequence });
        builder.HasIndex(e => new { e.Action, e.Sequence });
        builder.HasIndex(e => new { e.ReasonCode, e.Sequence });
        builder.HasIndex(e => new { e.SubjectId, e.Sequence });
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => e.CorrelationId);
    }
}
