using System.Diagnostics;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>
/// Times an operation through the app's service and the same operation as plain SQL, alternately and with the
/// same inputs (a read after an untimed run of that input), and prints one row: median and p95 of each, and the
/// ratio of the medians.
/// </summary>
public sealed class OperationTable(int iterations, string? only = null)
{
    public static void PrintHeader()
    {
        Console.WriteLine($"{"operation",-44} {"median ms",10} {"p95 ms",8} {"SQL median",11} {"SQL p95",8} {"ratio",6} {"n",4}");
    }

    public bool Includes(string name) => only is null || name.Contains(only, StringComparison.OrdinalIgnoreCase);

    /// <param name="warm">Run each input once untimed through both first (reads only: a change would be made twice).</param>
    public async Task RowAsync<TInput>(string name, Func<int, TInput> input, Func<TInput, Task> service, Func<TInput, Task> plainSql, bool warm = false)
    {
        if (!Includes(name)) return;
        // Reads warm up until the JIT has compiled both paths fully (tier 1 after 30 calls and a short delay), as any
        // running console has; a change warms up twice, on spare inputs, since each call changes access.
        var warmUps = warm ? 40 : 2;
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < warmUps && (i < 2 || warming.Elapsed < TimeSpan.FromSeconds(5)); i++)
        {
            await service(input(iterations + i % 2));
            await plainSql(input(iterations + i % 2));
        }
        if (warm) await Task.Delay(TimeSpan.FromMilliseconds(300));
        var app = new Latencies();
        var floor = new Latencies();
        var budget = Stopwatch.StartNew();
        // A slow operation stops after its time budget, with enough samples for a median.
        for (var i = 0; i < iterations && (i < 5 || budget.Elapsed < TimeSpan.FromSeconds(20)); i++)
        {
            var value = input(i);
            // A new input's pages cost more to read from disk than either reading them (an organization page: 3-4 ms
            // cold, under 1 ms warm), and the floor, timed second, always found them warm: a read runs the input once
            // untimed first, so that both are timed on pages in the file system's and their own connection's cache.
            if (warm)
            {
                await service(value);
                await plainSql(value);
            }
            var started = Stopwatch.GetTimestamp();
            await service(value);
            app.Add(Stopwatch.GetElapsedTime(started));
            started = Stopwatch.GetTimestamp();
            await plainSql(value);
            floor.Add(Stopwatch.GetElapsedTime(started));
        }
        var ratio = app.Percentile(50) / floor.Percentile(50);
        Console.WriteLine($"{name,-44} {app.Percentile(50),10:N2} {app.Percentile(95),8:N2} {floor.Percentile(50),11:N2} {floor.Percentile(95),8:N2} {ratio,6:N1} {app.Count,4}");
    }
}
