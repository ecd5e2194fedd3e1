using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.Layout;
using AccessConsole.Web.Security;
using AccessConsole.Web.Security.Entra;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AccessConsole.Web.Hosting;

public static class ConsolePipeline
{
    public static void UseAccessConsole(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRequirement();
        }
        app.UseGatewayApiErrors();
        // People get a page for a bad address; the gateway API keeps its status codes and bodies.
        app.UseWhen(
            context => HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found"));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapGatewayApi();
        if (app.Services.GetRequiredService<AuthenticationSettings>().Mode == AuthenticationMode.Development)
        {
            app.MapDevelopmentSignIn();
        }
        else
        {
            app.MapEntraSignIn();
        }
        app.MapSignOut();
        app.MapAuditExport();
        app.MapCheckpointPublicKey();
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
