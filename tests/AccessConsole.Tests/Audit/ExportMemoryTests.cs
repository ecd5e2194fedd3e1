using System.Diagnostics;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Audit;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>
/// Exports 20,000 and then 200,000 events through the real HTTP endpoint, in process, and measures the managed
/// memory that stays live while the export streams: it must not grow with the size of the export. Run alone,
/// so that other tests' allocations do not blur the measurement.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class ExportMemoryTests(ITestOutputHelper log)
{
    // The zip compresses the repetitive synthetic events well, so sample often enough to see the whole stream.
    private const long SampleEveryBytes = 256 << 10;

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    public async Task Exporting_200000_events_holds_no_more_memory_than_exporting_20000(string format)
    {
        await using var factory = await ConsoleFactory.WithDemoDataAsync();
        var legal = await factory.SignedInClientAsync("Lee Legal", Roles.Legal);
        var organizations = await OrganizationsAsync(factory);

        await factory.AppendSyntheticEventsAsync(20_000, organizations);
        var small = await MeasureExportAsync(factory, legal, format);
        await factory.AppendSyntheticEventsAsync(180_000, organizations);
        var large = await MeasureExportAsync(factory, legal, format);

        log.WriteLine($"{format}: {small}");
        log.WriteLine($"{format}: {large}");
        Assert.True(large.Events >= 200_000);
        Assert.True(large.Bytes > 9 * small.Bytes, "The large export did not stream ten times the data.");
        Assert.True(large.PeakRetained < small.PeakRetained + (16 << 20),
            $"Memory held during the export grew with its size: {small.PeakRetained / 1e6:N1} MB for {small.Events:N0} events, {large.PeakRetained / 1e6:N1} MB for {large.Events:N0}.");
        Assert.True(large.PeakRetained < 64 << 20, $"{large.PeakRetained / 1e6:N1} MB held during the export.");
    }

    [Fact]
    public async Task Verifying_200000_events_answers_intact()
    {
        await using var factory = await ConsoleFactory.WithDemoDataAsync();
        factory.StartHost();
        await factory.AppendSyntheticEventsAsync(200_000, await OrganizationsAsync(factory));
        GC.Collect();
        var before = GC.GetTotalMemory(true);

        var result = await factory.VerifyAsync();

        var after = GC.GetTotalMemory(true);
        log.WriteLine($"verify: {result.Summary} in {result.Elapsed.TotalSeconds:N1} s ({result.Count / result.Elapsed.TotalSeconds:N0} events/s); live memory {before / 1e6:N1} MB before, {after / 1e6:N1} MB after");
        Assert.True(result.IsIntact, result.Summary);
        Assert.True(result.Count > 200_000);
    }

    private sealed record Measurement(long Events, long Bytes, long Samples, long BaselineLive, long PeakRetained, long Allocated, TimeSpan Elapsed)
    {
        public override string ToString() =>
            $"{Events:N0} events, {Bytes / 1e6:N1} MB zipped in {Elapsed.TotalSeconds:N1} s, {Samples} samples; live before {BaselineLive / 1e6:N1} MB, " +
            $"peak held during the export {PeakRetained / 1e6:N2} MB above it; {Allocated / 1e9:N2} GB allocated in all ({Allocated / Math.Max(Events, 1):N0} B/event)";
    }

    private static async Task<Measurement> MeasureExportAsync(ConsoleFactory factory, HttpClient client, string format)
    {
        var token = await ExportDownload.TokenAsync(client);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var peak = 0L;

        using var response = await ExportDownload.PostRequestAsync(client, $"format={format}", HttpCompletionOption.ResponseHeadersRead, token);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long bytes = 0, nextSample = SampleEveryBytes, samples = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            if (bytes < nextSample) continue;
            nextSample += SampleEveryBytes;
            samples++;
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await using var db = await factory.Contexts().CreateDbContextAsync();
        var exportEvent = await db.AuditEvents.OrderByDescending(e => e.Sequence).FirstAsync();
        Assert.Equal(AuditExportService.Action, exportEvent.Action);
        var count = System.Text.Json.JsonDocument.Parse(exportEvent.Details!).RootElement.GetProperty("count").GetInt64();
        Assert.True(samples >= 10, $"Only {samples} samples of memory during the export.");
        return new Measurement(count, bytes, samples, baseline, peak, allocated, watch.Elapsed);
    }

    private static async Task<IReadOnlyList<(Guid Id, string Name)>> OrganizationsAsync(ConsoleFactory factory)
    {
        await using var db = await factory.Contexts().CreateDbContextAsync();
        return (await db.Organizations.OrderBy(o => o.Name).Take(50).Select(o => new { o.Id, o.Name }).ToListAsync())
            .Select(o => (o.Id, o.Name)).ToList();
    }
}
