using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Gateway.Credentials;

/// <summary>A gateway's credential for the decision API. The secret is shown once; only its SHA-256 is kept.</summary>
public class ServiceCredential
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The first characters of the secret, to recognise it in a list.</summary>
    public string DisplayPrefix { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public string SecretHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}

public class ServiceCredentialConfiguration : IEntityTypeConfiguration<ServiceCredential>
{
    public void Configure(EntityTypeBuilder<ServiceCredential> builder)
    {
        builder.ToTable("ServiceCredentials");
        builder.Property(c => c.Name).HasMaxLength(100).IsRequired();
        builder.Property(c => c.DisplayPrefix).HasMaxLength(16).IsRequired();
        builder.Property(c => c.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(c => c.CreatedBy).HasMaxLength(200);
        builder.Property(c => c.RevokedBy).HasMaxLength(200);
        builder.HasIndex(c => c.SecretHash).IsUnique();
        builder.Ignore(c => c.IsRevoked);
    }
}
