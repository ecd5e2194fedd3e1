using System.Diagnostics;
using AccessConsole.Web.Gateway.Decisions;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Benchmarks;

/// <summary>The questions the decision load asks, and the wait until the instances have read their key index.</summary>
public static class DecisionWorkload
{
    public const int HotKeys = 1_000;
    public const double HotShare = 0.9;

    /// <summary>Keys drawn uniformly from every key: almost every question is about a key not asked about before.</summary>
    public static DecisionBatch Uniform(Random random, List<string> hashes, string?[] clients, int size) =>
        new(Enumerable.Range(0, size).Select(_ => Item(random, hashes, clients, hashes.Count)).ToList());

    /// <summary>A gateway's usual traffic: most questions about a small set of busy keys, the rest about any key.</summary>
    public static DecisionBatch Skewed(Random random, List<string> hashes, string?[] clients, int size) =>
        new(Enumerable.Range(0, size).Select(_ => Item(random, hashes, clients, random.NextDouble() < HotShare ? Math.Min(HotKeys, hashes.Count) : hashes.Count)).ToList());

    private static DecisionItem Item(Random random, List<string> hashes, string?[] clients, int among) =>
        new(hashes[random.Next(among)], clients[random.Next(clients.Length)], null);

    /// <summary>Waits (up to two minutes) until every instance holds its key index, and says how big and how slow it was.</summary>
    public static async Task WaitForKeyIndexAsync(params BenchmarkApp[] apps)
    {
        var watch = Stopwatch.StartNew();
        var snapshots = apps.Select(a => a.Services.GetRequiredService<AccessSnapshot>()).ToList();
        while (snapshots.Any(s => s.KeyIndex is null) && watch.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(100);
        foreach (var (snapshot, number) in snapshots.Select((s, i) => (s, i + 1)))
        {
            Console.WriteLine(snapshot.KeyIndex is { } index
                ? $"Key index of instance {number}: {index.Count:N0} keys, {index.Bytes / 1048576.0:N1} MiB of arrays, read in {snapshot.KeyIndexLoadTime.TotalSeconds:N1} s"
                : $"Key index of instance {number}: not read after two minutes; its decisions read keys from the database");
        }
    }
}
