using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.Gateway.Decisions;
using AccessConsole.Web.Hosting;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Benchmarks;

/// <summary>
/// Load on the decision API over loopback, beside a trivial endpoint of the same app in the same run (measured once
/// both instances have read their key index), and the time from a committed change to a changed decision on a
/// second instance sharing the database.
/// Options: --seconds 10 --concurrency 16 --changes 50 [--database path-to-sqlite-file]
/// </summary>
public static class DecisionLoadCheck
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineVerbs.Options(args);
        var seconds = int.Parse(options.GetValueOrDefault("seconds", "10"));
        var concurrency = int.Parse(options.GetValueOrDefault("concurrency", "16"));
        var changes = int.Parse(options.GetValueOrDefault("changes", "50"));
        var database = options.GetValueOrDefault("database") ?? Path.Combine(Path.GetTempPath(), $"accessconsole-bench-{Guid.NewGuid():N}.db");
        var seed = !File.Exists(database);

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine($"Database: SQLite {(seed ? "(new demo data set)" : database)}; load: {concurrency} concurrent clients for {seconds} s each, client and server in one process on loopback");

        await using var first = new BenchmarkApp(database, seed);
        first.Start();
        await using var second = new BenchmarkApp(database, seed: false);
        second.Start();
        var secret = await first.CreateCredentialAsync();

        List<string> hashes;
        await using (var db = await first.Contexts.CreateDbContextAsync())
        {
            hashes = await db.ApiKeys.Select(k => k.SecretHash).ToListAsync();
        }
        var clients = new[] { "atelier-cli", "glide-ide", "openharness", "sdk-python", null };
        await DecisionWorkload.WaitForKeyIndexAsync(first, second);

        using var http = NewClient(secret, concurrency);
        Console.WriteLine();
        Console.WriteLine($"{"operation",-34} {"requests",9} {"req/s",9} {"decisions/s",12} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");

        await MeasureAsync("GET /healthz (trivial floor)", 0, seconds / 3 + 1, concurrency, _ => http.GetAsync($"{first.BaseAddress}/healthz"));
        await MeasureAsync("GET /healthz (trivial floor)", 0, seconds, concurrency, _ => http.GetAsync($"{first.BaseAddress}/healthz"), print: true);
        await MeasureAsync("POST /api/v1/decisions, 1 item", 1, seconds, concurrency, random =>
            http.PostAsJsonAsync($"{first.BaseAddress}/api/v1/decisions", DecisionWorkload.Uniform(random, hashes, clients, 1)), print: true);
        await MeasureAsync("POST /api/v1/decisions, 1, skewed*", 1, seconds, concurrency, random =>
            http.PostAsJsonAsync($"{first.BaseAddress}/api/v1/decisions", DecisionWorkload.Skewed(random, hashes, clients, 1)), print: true);
        await MeasureAsync("POST /api/v1/decisions, 100 items", 100, seconds, concurrency, random =>
            http.PostAsJsonAsync($"{first.BaseAddress}/api/v1/decisions", DecisionWorkload.Uniform(random, hashes, clients, 100)), print: true);
        Console.WriteLine($"* {DecisionWorkload.HotShare:P0} of the questions about {DecisionWorkload.HotKeys:N0} busy keys, the rest about any key; the other rows draw every key uniformly.");

        await MeasurePropagationAsync(first, second, http, changes);
        return 0;
    }

    private static HttpClient NewClient(string secret, int concurrency)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task MeasureAsync(string name, int decisionsPerRequest, int seconds, int concurrency,
        Func<Random, Task<HttpResponseMessage>> send, bool print = false)
    {
        var latencies = new Latencies();
        var failures = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(worker);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await send(random);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                latencies.Add(Stopwatch.GetElapsedTime(started));
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        if (!print) return;
        var perSecond = latencies.Count / elapsed;
        var decisions = decisionsPerRequest == 0 ? "" : (perSecond * decisionsPerRequest).ToString("N0");
        Console.WriteLine($"{name,-34} {latencies.Count,9:N0} {perSecond,9:N0} {decisions,12} {latencies.Percentile(50),8:N2} {latencies.Percentile(95),8:N2} {latencies.Percentile(99),8:N2} {latencies.Max,8:N2}"
            + (failures > 0 ? $"  ({failures} failed)" : ""));
    }

    /// <summary>Alternately revokes and restores one organization through the first instance, and times until the second decides differently.</summary>
    private static async Task MeasurePropagationAsync(BenchmarkApp first, BenchmarkApp second, HttpClient http, int changes)
    {
        var service = new AccessChangeService(first.Contexts, new BenchmarkApp.FixedActor(new Actor("bench:am", "Benchmark", [Roles.AccountManager])),
            TimeProvider.System, first.Services.GetRequiredService<AccessChangeSignal>());
        Guid organizationId;
        string hash;
        await using (var db = await first.Contexts.CreateDbContextAsync())
        {
            var key = await db.ApiKeys.Where(k => k.AccessState == AccessState.Active && k.ExpiresAt == null
                && db.Organizations.Any(o => o.Id == k.OrganizationId && o.AccessState == AccessState.Active)).OrderBy(k => k.Name).FirstAsync();
            (organizationId, hash) = (key.OrganizationId, key.SecretHash);
        }

        var crossInstance = new Latencies();
        var sameInstance = new Latencies();
        for (var i = 0; i < changes; i++)
        {
            var revoke = i % 2 == 0;
            int version;
            await using (var db = await first.Contexts.CreateDbContextAsync())
            {
                version = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.AccessVersion).SingleAsync();
            }
            var result = await service.ChangeAsync(new AccessChangeRequest
            {
                Subject = new SubjectRef(SubjectKind.Organization, organizationId),
                Kind = revoke ? ChangeKind.Revoke : ChangeKind.Restore,
                RestoreFullAccess = !revoke,
                ExpectedVersion = version,
                ReasonCode = StandardReasonCodes.Other,
                Justification = "Propagation benchmark: revoke and restore in turn.",
            });
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Values));
            var committed = Stopwatch.GetTimestamp();
            var expected = revoke ? "deny" : "allow";
            await Task.WhenAll(
                WaitForAsync(http, first.BaseAddress, hash, expected, committed, sameInstance),
                WaitForAsync(http, second.BaseAddress, hash, expected, committed, crossInstance));
        }
        Console.WriteLine();
        Console.WriteLine($"Propagation from commit to changed decision, {changes} changes:");
        Console.WriteLine($"  same instance:   median {sameInstance.Percentile(50),7:N1} ms, worst {sameInstance.Max,7:N1} ms");
        Console.WriteLine($"  second instance: median {crossInstance.Percentile(50),7:N1} ms, worst {crossInstance.Max,7:N1} ms");
    }

    private static async Task WaitForAsync(HttpClient http, string baseAddress, string hash, string expected, long committed, Latencies into)
    {
        while (true)
        {
            var answers = await (await http.PostAsJsonAsync($"{baseAddress}/api/v1/decisions", new DecisionBatch([new DecisionItem(hash, null, null)])))
                .Content.ReadFromJsonAsync<DecisionAnswers>();
            if (answers!.Items[0].Decision == expected)
            {
                into.Add(Stopwatch.GetElapsedTime(committed));
                return;
            }
            if (Stopwatch.GetElapsedTime(committed) > TimeSpan.FromSeconds(10)) throw new TimeoutException("A change did not propagate within 10 s.");
        }
    }
}
