namespace AccessConsole.Benchmarks;

/// <summary><c>dotnet run -c Release --project tests/AccessConsole.Benchmarks -- &lt;benchmark&gt; [options]</c></summary>
public static class BenchmarkMain
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Benchmarks = new()
    {
        ["decisions"] = DecisionLoadCheck.RunAsync,
        ["flood"] = FloodCheck.RunAsync,
        ["scale"] = Scale.ScaleBenchmark.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine($"usage: <{string.Join("|", Benchmarks.Keys)}> [options]");
            return 2;
        }
        return await run(args[1..]);
    }
}
