using AccessConsole.Web.Data;
using AccessConsole.Web.Hosting;
using AccessConsole.Web.Gateway.Credentials;
using AccessConsole.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Benchmarks;

/// <summary>The real app on a loopback port over a given SQLite file (seeded with the demo generator when new).</summary>
public sealed class BenchmarkApp(string databasePath, bool seed, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public string BaseAddress { get; private set; } = "";

    public void Start()
    {
        // The factory finds the web project's folder through this variable when no test attribute names it.
        var root = DevelopmentConfiguration.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Run the benchmarks from inside the repository.");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ACCESSCONSOLE_WEB", Path.Combine(root, "src", "AccessConsole.Web"));
        UseKestrel(0);
        StartServer();
        BaseAddress = ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={databasePath}");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedDemoData", seed ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Gateway:RequestsPerSecondPerCredential", "10000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }

    public IDbContextFactory<AccessConsoleDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>();

    public async Task<string> CreateCredentialAsync()
    {
        var service = new ServiceCredentialService(Contexts, new FixedActor(new Actor("bench:admin", "Benchmark", [Roles.Admin])),
            TimeProvider.System, Services.GetRequiredService<ServiceCredentialCache>());
        return (await service.CreateAsync("benchmark gateway")).Created!.Secret;
    }

    public sealed class FixedActor(Actor actor) : ICurrentActor
    {
        public Task<Actor> GetAsync() => Task.FromResult(actor);
    }
}
