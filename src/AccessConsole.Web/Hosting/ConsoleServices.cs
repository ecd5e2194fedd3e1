using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Access.Explanations;
using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Audit.Verification;
using AccessConsole.Web.Bulk;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.DemoData.History;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Notices;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Organizations.Timeline;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Scheduling;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace AccessConsole.Web.Hosting;

/// <summary>Everything the console registers, in one place.</summary>
public static class ConsoleServices
{
    public static void AddAccessConsole(this WebApplicationBuilder builder)
    {
        DevelopmentConfiguration.AddRepositoryRootSettings(builder);

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        var contextFactory = new AccessConsoleDbContextFactory(database, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(contextFactory);
        builder.Services.AddSingleton<IDbContextFactory<AccessConsoleDbContext>>(contextFactory);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DatabaseInitializer>();
        builder.Services.AddSingleton<DemoDataGenerator>();
        builder.Services.AddSingleton<IDemoHistory, DemoHistory>();

        builder.AddConsoleDataProtection();
        builder.AddConsoleAuthentication();
        builder.AddGatewayApi();
        builder.Services.AddAntiforgery();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = CircuitLimits.MaxReceiveMessageSize);
        builder.Services.AddMudServices();

        builder.Services.AddScoped<LookupService>();
        builder.Services.AddScoped<PendingLookup>();
        builder.Services.AddScoped<LookupAnswers>();
        builder.Services.AddScoped<OrganizationService>();
        builder.Services.AddScoped<IntegrationService>();
        builder.Services.AddScoped<AccessChangeService>();
        builder.Services.AddScoped<ChangePreviewService>();
        builder.Services.AddScoped<AccessExplanationService>();
        builder.Services.AddScoped<OrganizationTimelineService>();
        builder.Services.AddScoped<ReasonCodeService>();
        builder.Services.AddScoped<AuditSearchService>();
        builder.Services.AddScoped<AuditVerifier>();
        builder.Services.AddSingleton<AuditExportService>();
        builder.AddAuditCheckpoints();
        builder.AddBulkChanges();
        builder.AddScheduledChanges();
        builder.AddCustomerNotices();

        var lifts = builder.Configuration.GetSection("TimedLifts").Get<TimedLiftSettings>() ?? new();
        builder.Services.AddSingleton(lifts);
        builder.Services.AddSingleton(sp => new TimedLifts(
            sp.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(),
            new AccessChangeService(sp.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(), new SystemActor(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AccessChangeSignal>()),
            sp.GetRequiredService<TimeProvider>()));
        if (lifts.Enabled) builder.Services.AddHostedService<TimedLiftWorker>();
    }
}
