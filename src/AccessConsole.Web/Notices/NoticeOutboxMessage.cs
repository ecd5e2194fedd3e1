using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Notices;

/// <summary>
/// A notice to a customer, written with the change it announces and kept until delivered. Its Message-ID is fixed when
/// it is written, so that every attempt sends the same message and a retry is recognisable.
/// </summary>
public class NoticeOutboxMessage
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>The audit event of the change the notice announces; it records the text and its SHA-256.</summary>
    public long AuditSequence { get; set; }

    public string MessageId { get; set; } = "";

    /// <summary>The recipients' addresses, comma-separated.</summary>
    public string Recipients { get; set; } = "";

    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public string BodySha256 { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredAt { get; set; }
}

public class NoticeOutboxMessageConfiguration : IEntityTypeConfiguration<NoticeOutboxMessage>
{
    public void Configure(EntityTypeBuilder<NoticeOutboxMessage> builder)
    {
        builder.ToTable("NoticeOutbox");
        builder.Property(m => m.MessageId).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Recipients).HasMaxLength(4000).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(NoticeTemplate.SubjectMaxLength).IsRequired();
        builder.Property(m => m.Body).HasMaxLength(NoticeText.MaxLength).IsRequired();
        builder.Property(m => m.BodySha256).HasMaxLength(64).IsRequired();
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId);
        builder.HasIndex(m => m.MessageId).IsUnique();
        // The sender's question: what is undelivered and due.
        builder.HasIndex(m => new { m.DeliveredAt, m.NextAttemptAt });
        builder.HasIndex(m => new { m.OrganizationId, m.CreatedAt });
    }
}
