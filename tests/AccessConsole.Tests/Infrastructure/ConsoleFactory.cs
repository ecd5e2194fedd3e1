using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// The real app, in Development, on a SQLite file of the test's own. <see cref="ConfigureServicesForTest"/>
/// lets a test swap a service (a clock, a failing writer) without touching the rest.
/// </summary>
public sealed class ConsoleFactory(string databasePath, bool seedDemoData = false) : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = databasePath;

    public Action<IServiceCollection>? ConfigureServicesForTest { get; init; }

    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Where the app writes notices as .eml files when no mail server is set: beside the test's database.</summary>
    public string NoticeFolder => DatabasePath + ".notices";

    /// <summary>Development unless a test needs to see how the app behaves elsewhere.</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>
    /// Whether disposing deletes the database. The private copies of <see cref="WithDemoDataAsync"/> are deleted, since
    /// a full run makes hundreds of them at tens of megabytes each; a test that opens one again after a restart says so.
    /// </summary>
    public bool DeletesDatabase { get; set; }

    public static async Task<ConsoleFactory> WithDemoDataAsync(Action<IServiceCollection>? configure = null) =>
        new(await TestDatabase.DemoCopyAsync()) { ConfigureServicesForTest = configure, DeletesDatabase = true };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (DeletesDatabase) TestDatabase.Delete(DatabasePath);
        GC.SuppressFinalize(this);
    }

    /// <summary>Builds and starts the host without a client (start-up migrates and seeds).</summary>
    public void StartHost() => _ = Services;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", TestDatabase.ConnectionString(DatabasePath));
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedDemoData", seedDemoData ? "true" : "false");
        builder.UseSetting("Audit:Checkpoints:KeyPath", TestDatabase.SigningKeyPath);
        // Tests that deliver notices run the sender themselves or turn it on.
        builder.UseSetting("Notices:SendInBackground", "false");
        builder.UseSetting("Notices:PickupFolder", NoticeFolder);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (ConfigureServicesForTest is not null) builder.ConfigureServices(ConfigureServicesForTest);
    }
}
