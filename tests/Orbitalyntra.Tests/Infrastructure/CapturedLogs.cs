using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>Every log line the test process's hosts write (web host and in-process silos), down to Debug, for scanning.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public static readonly CapturedLogs Instance = new();

    private readonly ConcurrentQueue<string> lines = new();

    public IEnumerable<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
