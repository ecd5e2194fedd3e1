using System.Text.Json;
using AccessConsole.Web.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Bulk.Jobs;

public class ChangeJobConfiguration : IEntityTypeConfiguration<ChangeJob>
{
    public void Configure(EntityTypeBuilder<ChangeJob> builder)
    {
        builder.ToTable("ChangeJobs");
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.Origin).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.Summary).HasMaxLength(300).IsRequired();
        builder.Property(j => j.Change).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.ReasonCode).HasMaxLength(64).IsRequired();
        builder.Property(j => j.Justification).HasMaxLength(2000).IsRequired();
        builder.Property(j => j.TicketReference).HasMaxLength(100);
        builder.Property(j => j.PolicyClause).HasMaxLength(200);
        builder.Property(j => j.NoticeSubject).HasMaxLength(Notices.NoticeTemplate.SubjectMaxLength);
        // A bulk change keeps wording of at most a template's length; a single change the notice as confirmed, up to a notice's.
        builder.Property(j => j.NoticeBody).HasMaxLength(Notices.NoticeText.MaxLength);
        builder.Property(j => j.Restriction)
            .HasConversion(
                r => r == null ? null : JsonSerializer.Serialize(r, AccessSubjectConfiguration.Json),
                json => json == null ? null : JsonSerializer.Deserialize<Restriction>(json, AccessSubjectConfiguration.Json))
            .HasMaxLength(4000);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.RequestedById).HasMaxLength(200).IsRequired();
        builder.Property(j => j.RequestedByName).HasMaxLength(200).IsRequired();
        builder.Property(j => j.RequestedByRoles).HasMaxLength(200);
        builder.Property(j => j.ApproverId).HasMaxLength(200);
        builder.Property(j => j.ApproverName).HasMaxLength(200);
        builder.Property(j => j.LastError).HasMaxLength(1000);
        builder.Property(j => j.RuleProposal).HasMaxLength(8000);
        builder.HasIndex(j => new { j.State, j.CreatedAt });
        builder.HasIndex(j => j.CreatedAt);
        builder.HasIndex(j => j.UndoesJobId);
        builder.HasOne<ChangeJob>().WithMany().HasForeignKey(j => j.UndoesJobId).IsRequired(false);
        builder.Ignore(j => j.IsUnfinished);
        builder.Ignore(j => j.HasOneSubject);
        builder.Ignore(j => j.RequestedBy);
        builder.Ignore(j => j.Approver);
        builder.Ignore(j => j.Notice);
    }
}

public class ChangeJobItemConfiguration : IEntityTypeConfiguration<ChangeJobItem>
{
    public void Configure(EntityTypeBuilder<ChangeJobItem> builder)
    {
        builder.ToTable("ChangeJobItems");
        builder.HasKey(i => new { i.JobId, i.Position });
        // A subject is in a job at most once: the job's idempotency key.
        builder.HasIndex(i => new { i.JobId, i.SubjectKind, i.SubjectId }).IsUnique();
        builder.HasIndex(i => new { i.JobId, i.Outcome, i.Position });
        builder.Property(i => i.SubjectKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.SubjectName).HasMaxLength(300).IsRequired();
        builder.Property(i => i.OrganizationName).HasMaxLength(200);
        builder.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Message).HasMaxLength(1000);
        builder.HasOne<ChangeJob>().WithMany().HasForeignKey(i => i.JobId);
        builder.Ignore(i => i.Subject);
    }
}
