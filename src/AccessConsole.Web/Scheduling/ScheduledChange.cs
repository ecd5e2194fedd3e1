using AccessConsole.Web.Bulk.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Scheduling;

/// <summary>
/// A change that takes effect at a later time. The change itself (its terms, its subjects fixed at scheduling
/// time with the versions they had, who asked for it, its correlation id) is the job it holds back; the job runs
/// when its time comes. This record keeps what only a scheduled change has: when, which audit event scheduled
/// it, and a cancellation.
/// </summary>
public class ScheduledChange
{
    public Guid JobId { get; set; }
    public DateTime TakesEffectAt { get; set; }

    /// <summary>The audit event that scheduled it (or asked approval for it).</summary>
    public long SchedulingSequence { get; set; }

    public string? CancelledById { get; set; }
    public string? CancelledByName { get; set; }
    public DateTime? CancelledAt { get; set; }
    public string? CancelReason { get; set; }
}

public class ScheduledChangeConfiguration : IEntityTypeConfiguration<ScheduledChange>
{
    public void Configure(EntityTypeBuilder<ScheduledChange> builder)
    {
        builder.ToTable("ScheduledChanges");
        builder.HasKey(s => s.JobId);
        builder.Property(s => s.CancelledById).HasMaxLength(200);
        builder.Property(s => s.CancelledByName).HasMaxLength(200);
        builder.Property(s => s.CancelReason).HasMaxLength(1000);
        builder.HasIndex(s => s.TakesEffectAt);
        builder.HasOne<ChangeJob>().WithOne().HasForeignKey<ScheduledChange>(s => s.JobId);
    }
}
