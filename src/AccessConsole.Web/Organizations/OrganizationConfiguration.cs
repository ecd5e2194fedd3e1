using AccessConsole.Web.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Organizations;

public class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.Property(o => o.Name).HasMaxLength(200).IsRequired();
        builder.Property(o => o.NormalizedName).HasMaxLength(200).IsRequired();
        builder.Property(o => o.AccountManager).HasMaxLength(200);
        builder.HasIndex(o => o.NormalizedName);
        builder.HasIndex(o => new { o.Tier, o.NormalizedName });
        builder.HasIndex(o => o.CreatedAt);
        // The list filtered by tier and sorted by creation (ties by id) reads one index range instead of sorting
        // the tier, and a deep page skips index entries without reading their rows.
        builder.HasIndex(o => new { o.Tier, o.CreatedAt, o.Id });
        builder.HasMany(o => o.Domains).WithOne().HasForeignKey(d => d.OrganizationId);
        builder.HasMany(o => o.Tags).WithOne().HasForeignKey(t => t.OrganizationId);
        builder.ConfigureAccess();
    }
}

public class OrganizationDomainConfiguration : IEntityTypeConfiguration<OrganizationDomain>
{
    public void Configure(EntityTypeBuilder<OrganizationDomain> builder)
    {
        builder.ToTable("OrganizationDomains");
        builder.HasKey(d => new { d.OrganizationId, d.Domain });
        builder.Property(d => d.Domain).HasMaxLength(253);
        builder.HasIndex(d => d.Domain);
    }
}

public class OrganizationTagConfiguration : IEntityTypeConfiguration<OrganizationTag>
{
    public void Configure(EntityTypeBuilder<OrganizationTag> builder)
    {
        builder.ToTable("OrganizationTags");
        builder.HasKey(t => new { t.OrganizationId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(64);
        builder.HasIndex(t => t.Tag);
    }
}
