using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Data;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.Rules;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Bulk;

public static class BulkSetup
{
    /// <summary>Bulk changes, their jobs and worker, and four-eyes approval with its rules from the <c>Approvals</c> section.</summary>
    public static void AddBulkChanges(this WebApplicationBuilder builder)
    {
        var approvals = builder.Configuration.GetSection(ApprovalSettings.Section).Get<ApprovalSettings>() ?? new();
        if (approvals.Problems().ToList() is [_, ..] problems)
        {
            throw new InvalidOperationException("The approval rules are misconfigured: " + string.Join(" ", problems));
        }
        var jobs = builder.Configuration.GetSection(ChangeJobSettings.Section).Get<ChangeJobSettings>() ?? new();
        builder.Services.AddSingleton(approvals);
        builder.Services.AddSingleton<ApprovalRules>();
        builder.Services.AddSingleton(jobs);
        builder.Services.AddSingleton<ChangeJobSignal>();
        builder.Services.AddSingleton<ApprovalExpiry>();
        builder.Services.AddSingleton<ApprovalNotifier>();
        // Jobs apply changes for the people who decided them, recorded on each job, not for whoever is signed in.
        builder.Services.AddSingleton(sp => new ChangeJobRunner(
            sp.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(),
            new AccessChangeService(sp.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(), new SystemActor(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AccessChangeSignal>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RuleChangeWriter>()));
        builder.Services.AddSingleton(sp => new RuleChangeWriter(
            sp.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AccessChangeSignal>()));
        builder.Services.AddScoped<PlatformRuleService>();
        builder.Services.AddScoped<BulkChangeService>();
        builder.Services.AddScoped<BulkJobService>();
        builder.Services.AddScoped<ApprovalGate>();
        builder.Services.AddScoped<ApprovalService>();
        if (jobs.RunInBackground) builder.Services.AddHostedService<ChangeJobWorker>();
    }
}
