namespace AccessConsole.Web.Notices;

/// <summary>The <c>Notices</c> configuration section: where notices go and how often delivery is retried.</summary>
public sealed class NoticeSettings
{
    public const string Section = "Notices";

    /// <summary>The mail server; without a host, notices are written as .eml files to <see cref="PickupFolder"/>.</summary>
    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The sender of every notice.</summary>
    public string From { get; set; } = "AccessConsole <api-notices@accessconsole.example>";

    /// <summary>Where notices are written when no mail server is configured; relative to the web project's folder.</summary>
    public string PickupFolder { get; set; } = ".data/notices";

    /// <summary>How often each instance looks for notices to send.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait after a first failed attempt; it doubles with each further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one attempt holds its notice, so that another instance does not send it at the same time.</summary>
    public TimeSpan AttemptLease { get; set; } = TimeSpan.FromMinutes(2);

    public bool SendInBackground { get; set; } = true;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>The wait before the next attempt after <paramref name="failures"/> failed ones.</summary>
    public TimeSpan Backoff(int failures)
    {
        var delay = RetryDelay * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c>, <c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> or <c>SslOnConnect</c>.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
