using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AccessConsole.Web.Notices;
using MimeKit;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>A message as the test SMTP server received it: the envelope and the parsed message.</summary>
public sealed record ReceivedMail(string? From, IReadOnlyList<string> To, MimeMessage Message);

/// <summary>
/// A real SMTP server (npm's smtp-server, tests/smtp-server) as a node child process on a free loopback port. It can
/// refuse its first connections with 421 or drop them unanswered, as a failing mail server does.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<int> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestSmtpServer(Process process) => this.process = process;

    public int Port { get; private set; }

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>Connections refused or dropped so far.</summary>
    public int TurnedAway => refusedOrDropped;

    private int refusedOrDropped;

    /// <summary>Settings for the console's SMTP sender that point at this server (plain SMTP on loopback, no credentials).</summary>
    public SmtpSettings Settings => new() { Host = "127.0.0.1", Port = Port, Security = "None", Timeout = TimeSpan.FromSeconds(5) };

    public static Task<TestSmtpServer> StartAsync(int refuseConnections = 0, int dropConnections = 0) =>
        NodePackage.StartAsync(() => StartOnceAsync(refuseConnections, dropConnections));

    private static async Task<TestSmtpServer> StartOnceAsync(int refuseConnections, int dropConnections)
    {
        var (node, folder) = NodePackage.Locate("smtp-server", "smtp-server", "the test SMTP server");
        var start = new ProcessStartInfo(node, [Path.Combine(folder, "server.mjs")])
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORT"] = "0";
        start.Environment["REFUSE_CONNECTIONS"] = refuseConnections.ToString();
        start.Environment["DROP_CONNECTIONS"] = dropConnections.ToString();
        var server = new TestSmtpServer(new Process { StartInfo = start, EnableRaisingEvents = true });
        server.process.OutputDataReceived += (_, e) => server.Record(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Note(e.Data);
        server.process.Exited += (_, _) => server.listening.TrySetException(new InvalidOperationException("The test SMTP server exited:\n" + server.Output));
        server.process.Start();
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        try
        {
            await NodePackage.WaitUntilListeningAsync(server.listening.Task, server.process, () => server.Output, "The test SMTP server");
            server.Port = await server.listening.Task;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Waits until the server has received at least <paramref name="count"/> messages.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Received.Count < count)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"The test SMTP server received {Received.Count} of {count} messages:\n{Output}");
            await Task.Delay(50);
        }
        return Received.ToList();
    }

    private void Record(string? line)
    {
        Note(line);
        if (line is null || !line.StartsWith('{')) return;
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        if (root.TryGetProperty("listening", out var port)) listening.TrySetResult(port.GetInt32());
        if (root.TryGetProperty("refused", out _) || root.TryGetProperty("dropped", out _)) Interlocked.Increment(ref refusedOrDropped);
        if (root.TryGetProperty("message", out var message))
        {
            var raw = Convert.FromBase64String(message.GetProperty("raw").GetString()!);
            Received.Enqueue(new ReceivedMail(message.GetProperty("from").GetString(),
                [.. message.GetProperty("to").EnumerateArray().Select(t => t.GetString()!)], MimeMessage.Load(new MemoryStream(raw))));
        }
    }

    private void Note(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await NodePackage.StopAsync(process);
        }
        finally
        {
            process.Dispose();
        }
    }
}
