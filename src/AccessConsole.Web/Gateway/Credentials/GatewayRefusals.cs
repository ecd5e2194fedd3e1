using System.Net;

namespace AccessConsole.Web.Gateway.Credentials;

/// <summary>
/// One Debug line per refused gateway call, and while calls are being refused one Warning per
/// <see cref="GatewaySettings.RefusalSummaryInterval"/> that counts them: a flood of bad credentials must not flood the log.
/// </summary>
public sealed partial class GatewayRefusals(ILogger<GatewayRefusals> logger, GatewaySettings settings, TimeProvider clock) : BackgroundService
{
    private long unauthorized;
    private long limited;

    public void Refused(IPAddress? address, string reason, bool overLimit)
    {
        if (overLimit) Interlocked.Increment(ref limited);
        else Interlocked.Increment(ref unauthorized);
        LogRefused(address, reason);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.RefusalSummaryInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Summarise();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Summarise()
    {
        var withoutCredential = Interlocked.Exchange(ref unauthorized, 0);
        var pastLimit = Interlocked.Exchange(ref limited, 0);
        if (withoutCredential + pastLimit == 0) return;
        LogSummary(withoutCredential + pastLimit, settings.RefusalSummaryInterval, withoutCredential, pastLimit);
    }

    [LoggerMessage(LogLevel.Debug, "Refused a gateway call from {Address}: {Reason}.")]
    private partial void LogRefused(IPAddress? address, string reason);

    [LoggerMessage(LogLevel.Warning, "Refused {Refused} gateway calls in the last {Interval}: {Unauthorized} without a valid credential (401), {Limited} from addresses past their failed-authentication limit (429).")]
    private partial void LogSummary(long refused, TimeSpan interval, long unauthorized, long limited);
}
