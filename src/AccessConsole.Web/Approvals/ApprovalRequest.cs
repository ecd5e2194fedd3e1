using AccessConsole.Web.Bulk.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Approvals;

public enum ApprovalState
{
    Pending,
    Approved,
    Rejected,
    Expired,
}

/// <summary>
/// A change that waits for a second person. The change itself (its terms and subjects) is the job it holds back;
/// the request records who asked, why approval is needed, until when it may be decided, and the decision.
/// </summary>
public class ApprovalRequest
{
    public Guid Id { get; set; }
    public Guid JobId { get; set; }
    public string Summary { get; set; } = "";

    /// <summary>The rules that asked for approval, in words.</summary>
    public string Rules { get; set; } = "";

    public string RequestedById { get; set; } = "";
    public string RequestedByName { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    public ApprovalState State { get; set; }
    public string? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Comment { get; set; }
}

public class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.ToTable("ApprovalRequests");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Summary).HasMaxLength(300).IsRequired();
        builder.Property(r => r.Rules).HasMaxLength(1000).IsRequired();
        builder.Property(r => r.RequestedById).HasMaxLength(200).IsRequired();
        builder.Property(r => r.RequestedByName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.DecidedById).HasMaxLength(200);
        builder.Property(r => r.DecidedByName).HasMaxLength(200);
        builder.Property(r => r.Comment).HasMaxLength(1000);
        builder.HasIndex(r => r.JobId).IsUnique();
        builder.HasIndex(r => new { r.State, r.ExpiresAt });
        builder.HasIndex(r => new { r.RequestedById, r.RequestedAt });
        builder.HasIndex(r => r.RequestedAt);
        builder.HasOne<ChangeJob>().WithMany().HasForeignKey(r => r.JobId);
    }
}
