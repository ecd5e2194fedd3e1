using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>Keeps every log line (message, exception and scopes) of the app, whatever its level.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            // The structured values too: a sink may write them even where the message template leaves them out.
            if (state is IEnumerable<KeyValuePair<string, object?>> values) line += " | " + string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"));
            var scopeTexts = new List<string>();
            owner.scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopeTexts);
            owner.lines.Enqueue(line + " | scopes: " + string.Join(" / ", scopeTexts));
        }
    }
}
