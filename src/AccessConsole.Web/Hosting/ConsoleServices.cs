using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Radzen;

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
        builder.Services.AddSingleton<IDemoHistory, NoDemoHistory>();

        builder.AddConsoleDataProtection();
        builder.AddConsoleAuthentication();
        builder.Services.AddAntiforgery();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();

        builder.Services.AddScoped<LookupService>();
        builder.Services.AddScoped<OrganizationService>();
        builder.Services.AddScoped<IntegrationService>();
    }
}
