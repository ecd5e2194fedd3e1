using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Layout;
using AccessConsole.Web.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AccessConsole.Web.Hosting;

public static class ConsolePipeline
{
    public static void UseAccessConsole(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        if (app.Services.GetRequiredService<AuthenticationSettings>().Mode == AuthenticationMode.Development)
        {
            app.MapDevelopmentSignIn();
        }
        app.MapSignOut();
        app.MapAuditExport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (!options.MigrateOnStartup) return;
        var initializer = app.Services.GetRequiredService<DatabaseInitializer>();
        await initializer.MigrateAsync();
        if (options.SeedDemoData) await initializer.SeedDemoDataIfEmptyAsync(new DemoDataOptions());
    }
}
