using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Hosting;
using AccessConsole.Web.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace AccessConsole.Tests.Hosting;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task The_repository_root_development_settings_are_the_ones_in_effect()
    {
        await using var factory = await ConsoleFactory.WithDemoDataAsync();
        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();
        var environment = factory.Services.GetRequiredService<IHostEnvironment>();
        var root = DevelopmentConfiguration.FindRepositoryRoot(environment.ContentRootPath)!;

        var jsonFiles = configuration.Providers.OfType<JsonConfigurationProvider>()
            .Where(p => p.Source.FileProvider is PhysicalFileProvider)
            .Select(p => Path.GetFullPath(Path.Combine(((PhysicalFileProvider)p.Source.FileProvider!).Root, p.Source.Path!)))
            .ToList();

        Assert.Contains(Path.Combine(root, DevelopmentConfiguration.FileName), jsonFiles);
        Assert.False(File.Exists(Path.Combine(environment.ContentRootPath, DevelopmentConfiguration.FileName)),
            "the web project must not carry a second development settings file");
        Assert.Equal(nameof(AuthenticationMode.Development), configuration["Authentication:Mode"]);
    }

    [Fact]
    public async Task Readyz_reports_a_broken_database_and_healthz_stays_alive()
    {
        var path = TestDatabase.NewPath();
        await File.WriteAllTextAsync(path, "this is not a SQLite database, it is a broken file of text that SQLite cannot read");
        await using var factory = new ConsoleFactory(path);
        factory.Settings["Database:MigrateOnStartup"] = "false";
        var client = factory.AnonymousClient();

        var ready = await client.GetAsync("/readyz");
        var alive = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Readyz_reports_a_working_database()
    {
        await using var factory = await ConsoleFactory.WithDemoDataAsync();

        var response = await factory.AnonymousClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Development_sign_in_refuses_to_start_outside_development()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions
        {
            EnvironmentName = "Production",
        });
        builder.Configuration["Authentication:Mode"] = "Development";

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddConsoleAuthentication());

        Assert.Contains("only in the Development environment", error.Message);
    }
}
