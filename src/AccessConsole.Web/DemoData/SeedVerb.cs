using System.Diagnostics;
using AccessConsole.Web.Data;
using AccessConsole.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.DemoData;

/// <summary><c>seed --organizations N --keys N --days N [--seed N] [--no-history]</c>: fills an empty database.</summary>
public sealed class SeedVerb : ICommandLineVerb
{
    public string Name => "seed";

    public string Usage =>
        "seed [--organizations 200] [--keys 2000] [--integration-uses (1 to 4 each)] [--days 90] [--seed 20261121] [--audit-events 0] [--usage-density 0.65 (0.05 from 100,000 keys)] [--no-history]";

    public async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        DemoDataOptions options;
        try
        {
            var values = CommandLineVerbs.Options(args);
            var defaults = new DemoDataOptions();
            options = new DemoDataOptions
            {
                Organizations = Read(values, "organizations", defaults.Organizations),
                Keys = Read(values, "keys", defaults.Keys),
                Days = Read(values, "days", defaults.Days),
                IntegrationUses = values.ContainsKey("integration-uses") ? Read(values, "integration-uses", 0) : null,
                Seed = Read(values, "seed", defaults.Seed),
                AuditEvents = values.ContainsKey("audit-events") ? Read(values, "audit-events", 0) : 0,
                UsageDensity = ReadShare(values, "usage-density"),
                History = !values.ContainsKey("no-history"),
            };
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"{e.Message}\nusage: {Usage}");
            return 2;
        }

        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            Console.Error.WriteLine(string.Join("\n", problems) + $"\nusage: {Usage}");
            return 2;
        }

        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        await using (var db = await services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync())
        {
            if (await db.Organizations.AnyAsync())
            {
                Console.Error.WriteLine("The database already holds organizations; seed fills only an empty database.");
                return 1;
            }
        }

        var watch = Stopwatch.StartNew();
        await services.GetRequiredService<DemoDataGenerator>().GenerateAsync(options);
        Console.WriteLine($"Seeded {options.Organizations:N0} organizations, {options.Keys:N0} keys, {options.Days} days of usage, " +
            $"{options.AuditEvents:N0} synthetic audit events in {watch.Elapsed.TotalSeconds:N1} s.");
        return 0;
    }

    private static double? ReadShare(Dictionary<string, string> values, string name)
    {
        if (!values.TryGetValue(name, out var text)) return null;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 1
            ? value
            : throw new FormatException($"--{name} must be a share above 0 and at most 1, not '{text}'.");
    }

    private static int Read(Dictionary<string, string> values, string name, int fallback)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        return int.TryParse(text, out var value) && value > 0
            ? value
            : throw new FormatException($"--{name} must be a positive whole number, not '{text}'.");
    }
}
