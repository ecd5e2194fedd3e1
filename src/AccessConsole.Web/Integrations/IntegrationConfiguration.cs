using System.Text.Json;
using AccessConsole.Web.Access;
using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Integrations;

public class IntegrationConfiguration : IEntityTypeConfiguration<Integration>
{
    public void Configure(EntityTypeBuilder<Integration> builder)
    {
        builder.ToTable("Integrations");
        builder.Property(i => i.Name).HasMaxLength(200).IsRequired();
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.ClientIdentifiers)
            .HasConversion(
                ids => JsonSerializer.Serialize(ids, (JsonSerializerOptions?)null),
                json => JsonSerializer.Deserialize<List<string>>(json, (JsonSerializerOptions?)null) ?? new List<string>())
            .HasMaxLength(2000)
            .Metadata.SetValueComparer(new ValueComparer<List<string>>(
                (a, b) => a!.SequenceEqual(b!),
                ids => ids.Aggregate(0, (hash, id) => HashCode.Combine(hash, id.GetHashCode())),
                ids => ids.ToList()));
        builder.HasIndex(i => i.Name).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(i => i.VendorOrganizationId).IsRequired(false);
        builder.ConfigureAccess();
    }
}

public class OrganizationIntegrationConfiguration : IEntityTypeConfiguration<OrganizationIntegration>
{
    public void Configure(EntityTypeBuilder<OrganizationIntegration> builder)
    {
        builder.ToTable("OrganizationIntegrations");
        builder.HasIndex(oi => new { oi.OrganizationId, oi.IntegrationId }).IsUnique();
        builder.HasIndex(oi => oi.IntegrationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(oi => oi.OrganizationId);
        builder.HasOne<Integration>().WithMany().HasForeignKey(oi => oi.IntegrationId);
        builder.ConfigureAccess();
    }
}
