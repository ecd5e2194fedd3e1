using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Notices;

/// <summary>A person at a customer who receives notices of changes to the organization's access.</summary>
public class NoticeContact
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
}

public class NoticeContactConfiguration : IEntityTypeConfiguration<NoticeContact>
{
    public void Configure(EntityTypeBuilder<NoticeContact> builder)
    {
        builder.ToTable("NoticeContacts");
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(254).IsRequired();
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId);
        builder.HasIndex(c => new { c.OrganizationId, c.Email }).IsUnique();
    }
}
