using AccessConsole.Web.Access;
using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.ApiKeys;

public class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.Property(k => k.Name).HasMaxLength(200).IsRequired();
        builder.Property(k => k.DisplayPrefix).HasMaxLength(KeyFormat.DisplayPrefixLength).IsRequired();
        builder.Property(k => k.LastFour).HasMaxLength(4).IsRequired();
        builder.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.Property(k => k.CredentialKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(k => k.CreatedBy).HasMaxLength(200);
        builder.HasIndex(k => k.SecretHash).IsUnique();
        builder.HasIndex(k => k.DisplayPrefix);
        builder.HasIndex(k => k.OrganizationId);
        // A platform rule's impact counts each organization's keys of one credential kind.
        builder.HasIndex(k => new { k.CredentialKind, k.OrganizationId });
        builder.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId);
        builder.Ignore(k => k.Masked);
        builder.ConfigureAccess();
    }
}
