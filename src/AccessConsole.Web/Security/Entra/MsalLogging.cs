using Microsoft.IdentityModel.Abstractions;

namespace AccessConsole.Web.Security.Entra;

/// <summary>MSAL's own log, in the app's log. MSAL is built with personal data logging off (see EntraSignIn).</summary>
public sealed class MsalLogging(ILogger<MsalLogging> logger) : IIdentityLogger
{
    public bool IsEnabled(EventLogLevel eventLogLevel) => logger.IsEnabled(LevelOf(eventLogLevel));

    public void Log(LogEntry entry) => logger.Log(LevelOf(entry.EventLogLevel), "MSAL: {Message}", entry.Message);

    private static LogLevel LevelOf(EventLogLevel level) => level switch
    {
        EventLogLevel.Critical => LogLevel.Critical,
        EventLogLevel.Error => LogLevel.Error,
        EventLogLevel.Warning => LogLevel.Warning,
        EventLogLevel.Informational => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
