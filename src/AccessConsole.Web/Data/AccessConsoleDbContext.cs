using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Gateway.Credentials;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AccessConsole.Web.Data;

/// <summary>
/// The one model of the console. Each provider has a subclass of its own only so that each keeps its own
/// migration set; they share every configuration. Create one per operation through the factory.
/// </summary>
public abstract class AccessConsoleDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationDomain> OrganizationDomains => Set<OrganizationDomain>();
    public DbSet<OrganizationTag> OrganizationTags => Set<OrganizationTag>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Integration> Integrations => Set<Integration>();
    public DbSet<OrganizationIntegration> OrganizationIntegrations => Set<OrganizationIntegration>();
    public DbSet<DailyUsage> DailyUsage => Set<DailyUsage>();
    public DbSet<ReasonCode> ReasonCodes => Set<ReasonCode>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Audit.Checkpoints.AuditCheckpoint> AuditCheckpoints => Set<Audit.Checkpoints.AuditCheckpoint>();
    public DbSet<Audit.Tree.AuditTreeNode> AuditTreeNodes => Set<Audit.Tree.AuditTreeNode>();
    public DbSet<ServiceCredential> ServiceCredentials => Set<ServiceCredential>();
    public DbSet<ChangeJob> ChangeJobs => Set<ChangeJob>();
    public DbSet<ChangeJobItem> ChangeJobItems => Set<ChangeJobItem>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();
    public DbSet<Rules.PlatformRule> PlatformRules => Set<Rules.PlatformRule>();
    public DbSet<Scheduling.ScheduledChange> ScheduledChanges => Set<Scheduling.ScheduledChange>();
    public DbSet<Notices.NoticeContact> NoticeContacts => Set<Notices.NoticeContact>();
    public DbSet<Notices.NoticeTemplate> NoticeTemplates => Set<Notices.NoticeTemplate>();
    public DbSet<Notices.NoticeOutboxMessage> NoticeOutbox => Set<Notices.NoticeOutboxMessage>();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>On SQLite with its hand-written paths on (<see cref="DatabaseOptions.RawSqlitePaths"/>).</summary>
    internal bool UsesRawSqlite => this is SqliteAccessConsoleDbContext { RawPaths: true };

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AccessConsoleDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is UTC; SQLite would otherwise hand them back as Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RefuseAuditRewrites()
    {
        var rewrite = ChangeTracker.Entries<AuditEvent>()
            .FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (rewrite is not null)
        {
            throw new InvalidOperationException(
                $"Audit event {rewrite.Entity.Sequence} cannot be {rewrite.State.ToString().ToLowerInvariant()}: the audit log is append-only.");
        }
        var checkpoint = ChangeTracker.Entries<Audit.Checkpoints.AuditCheckpoint>()
            .FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (checkpoint is not null)
        {
            throw new InvalidOperationException($"Audit checkpoint {checkpoint.Entity.Number} cannot be changed: checkpoints are append-only.");
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public sealed class SqliteAccessConsoleDbContext(DbContextOptions<SqliteAccessConsoleDbContext> options)
    : AccessConsoleDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>See <see cref="DatabaseOptions.RawSqlitePaths"/>; set by the factory on every context it hands out.</summary>
    internal bool RawPaths { get; set; } = true;
}

public sealed class SqlServerAccessConsoleDbContext(DbContextOptions<SqlServerAccessConsoleDbContext> options)
    : AccessConsoleDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
