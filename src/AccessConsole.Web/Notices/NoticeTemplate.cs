using AccessConsole.Web.ReasonCodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Notices;

/// <summary>An Admin's wording of the notice sent for changes with one reason code. Without one, the default wording applies.</summary>
public class NoticeTemplate
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 4000;

    public string ReasonCode { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

public class NoticeTemplateConfiguration : IEntityTypeConfiguration<NoticeTemplate>
{
    public void Configure(EntityTypeBuilder<NoticeTemplate> builder)
    {
        builder.ToTable("NoticeTemplates");
        builder.HasKey(t => t.ReasonCode);
        builder.Property(t => t.ReasonCode).HasMaxLength(64);
        builder.Property(t => t.Subject).HasMaxLength(NoticeTemplate.SubjectMaxLength).IsRequired();
        builder.Property(t => t.Body).HasMaxLength(NoticeTemplate.BodyMaxLength).IsRequired();
        builder.Property(t => t.UpdatedBy).HasMaxLength(200).IsRequired();
        builder.HasOne<ReasonCode>().WithMany().HasForeignKey(t => t.ReasonCode);
    }
}
