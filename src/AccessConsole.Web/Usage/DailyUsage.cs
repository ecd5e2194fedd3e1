using AccessConsole.Web.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Usage;

/// <summary>One key's usage on one UTC day.</summary>
public class DailyUsage
{
    public Guid ApiKeyId { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>The UTC day (midnight).</summary>
    public DateTime Day { get; set; }

    public long Requests { get; set; }
    public long Tokens { get; set; }

    /// <summary>How many of the day's 24 hours saw at least one request: finds round-the-clock use.</summary>
    public int ActiveHours { get; set; }
}

public class DailyUsageConfiguration : IEntityTypeConfiguration<DailyUsage>
{
    public void Configure(EntityTypeBuilder<DailyUsage> builder)
    {
        builder.ToTable("DailyUsage");
        builder.HasKey(u => new { u.ApiKeyId, u.Day });
        builder.HasIndex(u => new { u.OrganizationId, u.Day });
        // Serves "which organizations were active H hours a day lately" (bulk segments) without reading older days.
        builder.HasIndex(u => new { u.Day, u.ActiveHours, u.OrganizationId });
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(u => u.ApiKeyId);
    }
}
