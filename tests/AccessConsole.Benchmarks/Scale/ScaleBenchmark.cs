using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.Data;
using AccessConsole.Web.Hosting;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>
/// Every operation of the scale issue on a large data set built by <c>seed</c>, each beside its plain-SQL floor.
/// Options: --database path [--iterations 200] [--only text-in-operation-names|bulk] [--skip-decisions] [--compare-raw]
/// (--compare-raw: the operations with a hand-written SQLite path run again with it off, marked "EF only").
/// </summary>
public static class ScaleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineVerbs.Options(args);
        if (options.GetValueOrDefault("database") is not { } database || !File.Exists(database))
        {
            Console.Error.WriteLine("usage: scale --database path-to-a-seeded-sqlite-file [--iterations 200] [--only text] [--skip-decisions] [--compare-raw]");
            return 2;
        }
        var iterations = int.Parse(options.GetValueOrDefault("iterations", "200"));
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; SQLite {database} ({new FileInfo(database).Length / (1 << 20):N0} MiB)");

        var app = new BenchmarkApp(database, seed: false);
        app.Start();
        await using var sql = new PlainSql(database);
        await sql.OpenAsync();
        var sample = await ScaleSample.LoadAsync(sql, 2 * (iterations + 10));
        var actor = new BenchmarkApp.FixedActor(new Actor("bench:legal", "Benchmark", [Roles.Admin]));
        var contexts = app.Contexts;
        var only = options.GetValueOrDefault("only");
        var table = new OperationTable(iterations, only);

        Console.WriteLine();
        OperationTable.PrintHeader();
        var compareRaw = options.ContainsKey("compare-raw");
        var efOnly = compareRaw
            ? new AccessConsoleDbContextFactory(new DatabaseOptions { ConnectionString = $"Data Source={database}", RawSqlitePaths = false }, AppContext.BaseDirectory)
            : null;
        await ReadOperations.RunAsync(table, sample, sql, new LookupService(contexts, actor), new OrganizationService(contexts, actor, TimeProvider.System),
            efOnly is null ? null : new LookupService(efOnly, actor));
        await AuditSearchOperations.RunAsync(table, sample, sql, new AuditSearchService(contexts, actor));
        await ChangeOperations.RunAsync(table, sample, sql, app);
        await CheckpointOperations.RunAsync(table, sql, app);
        await RuleOperations.RunAsync(table, sql, contexts);

        // The verbs below run in processes of their own; the app stops first, so that its background work does not share
        // the cores with them.
        await app.DisposeAsync();
        var root = DevelopmentConfiguration.FindRepositoryRoot(AppContext.BaseDirectory)!;
        if (only is null or "bulk")
        {
            Console.WriteLine();
            await BulkOperations.RunAsync(root, database, sql, compareRaw);
        }

        if (only is null && !options.ContainsKey("skip-decisions"))
        {
            Console.WriteLine();
            await DecisionLoadCheck.RunAsync(["--database", database, "--seconds", "10", "--changes", "20"]);
        }
        return 0;
    }
}
