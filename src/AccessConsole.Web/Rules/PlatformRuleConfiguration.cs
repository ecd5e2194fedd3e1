using System.Text.Json;
using AccessConsole.Web.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Rules;

public class PlatformRuleConfiguration : IEntityTypeConfiguration<PlatformRule>
{
    public void Configure(EntityTypeBuilder<PlatformRule> builder)
    {
        builder.ToTable("PlatformRules");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Scope)
            .HasConversion(
                s => JsonSerializer.Serialize(s, AccessSubjectConfiguration.Json),
                json => JsonSerializer.Deserialize<RuleScope>(json, AccessSubjectConfiguration.Json) ?? new RuleScope())
            .HasMaxLength(4000)
            .IsRequired();
        builder.Property(r => r.Restriction)
            .HasConversion(
                r => r == null ? null : JsonSerializer.Serialize(r, AccessSubjectConfiguration.Json),
                json => json == null ? null : JsonSerializer.Deserialize<Restriction>(json, AccessSubjectConfiguration.Json))
            .HasMaxLength(4000);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.ReasonCode).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Justification).HasMaxLength(2000).IsRequired();
        builder.Property(r => r.AuthorId).HasMaxLength(200).IsRequired();
        builder.Property(r => r.AuthorName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.ApproverId).HasMaxLength(200);
        builder.Property(r => r.ApproverName).HasMaxLength(200);
        builder.HasIndex(r => r.State);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.Ignore(r => r.Effect);
    }
}
