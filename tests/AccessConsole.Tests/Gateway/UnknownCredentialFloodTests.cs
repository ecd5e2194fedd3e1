using System.Net;
using System.Security.Cryptography;
using AccessConsole.Tests.Audit;
using AccessConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccessConsole.Tests.Gateway;

/// <summary>
/// 100,000 calls with well-formed tokens nobody issued, through the real app in process. Run alone, so that the
/// managed heap measured is this app's.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class UnknownCredentialFloodTests(ITestOutputHelper output)
{
    private const int Calls = 100_000;
    private const long HeapBound = 8 << 20;
    private const int LogLineBound = 5;

    [Fact]
    public async Task A_flood_of_unknown_tokens_leaves_the_heap_and_the_log_within_bounds()
    {
        var log = new CapturingLoggerProvider();
        await using var factory = await ConsoleFactory.WithDemoDataAsync(services => services.AddSingleton<ILoggerProvider>(log));
        var client = factory.CreateClient();
        await SendAsync(client, 100);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var linesBefore = log.Lines.Count;

        var statuses = await SendAsync(client, Calls);

        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var lines = log.Lines.Skip(linesBefore).ToList();
        output.WriteLine($"{Calls:N0} calls: {string.Join(", ", statuses.Select(s => $"{(int)s.Key} x {s.Value:N0}"))}; heap grew {heapGrowth / 1e6:N2} MB; {lines.Count:N0} log lines");
        foreach (var line in lines.Take(5)) output.WriteLine(line);
        Assert.Equal(Calls, statuses.Values.Sum());
        Assert.All(statuses.Keys, status => Assert.Contains(status, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.True(heapGrowth < HeapBound, $"The heap grew by {heapGrowth / 1e6:N1} MB (bound {HeapBound / 1e6:N1} MB).");
        Assert.True(lines.Count <= LogLineBound, $"{lines.Count:N0} log lines (bound {LogLineBound}); first: {lines.FirstOrDefault()}");
    }

    private static async Task<Dictionary<HttpStatusCode, int>> SendAsync(HttpClient client, int calls)
    {
        var statuses = new Dictionary<HttpStatusCode, int>();
        var sent = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (Interlocked.Increment(ref sent) <= calls)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/changes?after=0");
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer acgw_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
                using var response = await client.SendAsync(request);
                lock (statuses) statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            }
        }));
        return statuses;
    }
}
