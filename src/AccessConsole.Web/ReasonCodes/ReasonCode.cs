using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.ReasonCodes;

/// <summary>A managed reason for an access change. Retired codes cannot be chosen but stay readable on old events.</summary>
public class ReasonCode
{
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";
    public bool IsRetired { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class ReasonCodeConfiguration : IEntityTypeConfiguration<ReasonCode>
{
    public void Configure(EntityTypeBuilder<ReasonCode> builder)
    {
        builder.ToTable("ReasonCodes");
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(64);
        builder.Property(r => r.Label).HasMaxLength(200).IsRequired();

        // In the migrations, so that a database a DBA creates from the script has them too.
        var created = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        builder.HasData(StandardReasonCodes.All.Select(r => new ReasonCode { Code = r.Code, Label = r.Label, CreatedAt = created }));
    }
}
