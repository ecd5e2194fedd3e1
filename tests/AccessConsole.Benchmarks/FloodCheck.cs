using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AccessConsole.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Benchmarks;

/// <summary>
/// One gateway asking for decisions about one key over and over on loopback, alone and then while a second client sends
/// calls with unknown credentials at a fixed rate (at most rate × seconds of them). Prints both runs side by side.
/// <c>--flood healthz</c> sends the same number of anonymous <c>GET /healthz</c> instead, as a control: what any traffic costs.
/// Options: --seconds 12 --concurrency 16 --flood-rate 5333 --flood-concurrency 16 --flood unknown|healthz [--database path]
/// </summary>
public static class FloodCheck
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineVerbs.Options(args);
        var seconds = int.Parse(options.GetValueOrDefault("seconds", "12"));
        var concurrency = int.Parse(options.GetValueOrDefault("concurrency", "16"));
        var floodRate = int.Parse(options.GetValueOrDefault("flood-rate", "5333"));
        var floodConcurrency = int.Parse(options.GetValueOrDefault("flood-concurrency", "16"));
        var control = options.GetValueOrDefault("flood", "unknown") == "healthz";
        var database = options.GetValueOrDefault("database") ?? Path.Combine(Path.GetTempPath(), $"accessconsole-bench-{Guid.NewGuid():N}.db");

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine($"Decisions: {concurrency} concurrent clients, one key, {seconds} s a run; flood: up to {floodRate:N0} unknown-credential calls/s from {floodConcurrency} clients{(control ? " (control: GET /healthz instead)" : "")}, at most {floodRate * seconds:N0} calls");

        await using var app = new BenchmarkApp(database, seed: !File.Exists(database));
        app.Start();
        var secret = await app.CreateCredentialAsync();
        string hash;
        await using (var db = await app.Contexts.CreateDbContextAsync()) hash = await db.ApiKeys.Select(k => k.SecretHash).FirstAsync();
        await DecisionWorkload.WaitForKeyIndexAsync(app);
        var body = $"{{\"items\": [{{\"keyHash\": \"{hash}\"}}]}}";
        using var gateway = Client(concurrency, secret);
        using var flooder = Client(floodConcurrency, null);

        await DecideAsync(gateway, app.BaseAddress, body, 2, concurrency);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var alone = await DecideAsync(gateway, app.BaseAddress, body, seconds, concurrency);
        var flood = FloodAsync(flooder, app.BaseAddress, floodRate, seconds, floodConcurrency, control);
        var flooded = await DecideAsync(gateway, app.BaseAddress, body, seconds, concurrency);
        var refused = await flood;
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;

        Console.WriteLine();
        Console.WriteLine($"{"run",-26} {"decisions",10} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        Print("alone", alone);
        Print("during the flood", flooded);
        Console.WriteLine($"Flood: {refused.Values.Sum():N0} calls ({string.Join(", ", refused.OrderBy(r => r.Key).Select(r => $"{(int)r.Key} x {r.Value:N0}"))}); "
            + $"decisions kept {flooded.Rate / alone.Rate:P0} of their rate; managed heap (client and app) {heapGrowth / 1e6:+0.0;-0.0} MB after both runs");
        return 0;
    }

    private sealed record Run(int Count, double Rate, Latencies Latencies);

    private static void Print(string name, Run run) =>
        Console.WriteLine($"{name,-26} {run.Count,10:N0} {run.Rate,9:N0} {run.Latencies.Percentile(50),8:N2} {run.Latencies.Percentile(99),8:N2} {run.Latencies.Max,8:N2}");

    private static HttpClient Client(int connections, string? secret)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        if (secret is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<Run> DecideAsync(HttpClient http, string baseAddress, string body, int seconds, int concurrency)
    {
        var latencies = new Latencies();
        var stopAt = Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync($"{baseAddress}/api/v1/decisions", new StringContent(body, Encoding.UTF8, "application/json"));
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"A decision failed: {(int)response.StatusCode}");
                latencies.Add(Stopwatch.GetElapsedTime(started));
            }
        }));
        return new Run(latencies.Count, latencies.Count / watch.Elapsed.TotalSeconds, latencies);
    }

    /// <summary>Paced calls with fresh random credentials: each client sends on its own schedule, never faster than the rate.</summary>
    private static async Task<Dictionary<HttpStatusCode, int>> FloodAsync(HttpClient http, string baseAddress, int rate, int seconds, int concurrency, bool control)
    {
        var statuses = new Dictionary<HttpStatusCode, int>();
        var perClient = rate * seconds / concurrency;
        var interval = TimeSpan.FromSeconds((double)concurrency / rate);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = 0; i < perClient && watch.Elapsed.TotalSeconds < seconds; i++)
            {
                var due = interval * i - watch.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
                using var request = control
                    ? new HttpRequestMessage(HttpMethod.Get, $"{baseAddress}/healthz")
                    : new HttpRequestMessage(HttpMethod.Post, $"{baseAddress}/api/v1/decisions");
                if (!control) request.Headers.TryAddWithoutValidation("Authorization", "Bearer acgw_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
                using var response = await http.SendAsync(request);
                lock (statuses) statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            }
        }));
        return statuses;
    }
}
