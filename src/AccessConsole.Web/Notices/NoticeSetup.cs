namespace AccessConsole.Web.Notices;

public static class NoticeSetup
{
    /// <summary>Notice templates, the dialog's drafts, and the sender: through SMTP when a host is set, else to .eml files.</summary>
    public static void AddCustomerNotices(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(NoticeSettings.Section).Get<NoticeSettings>() ?? new();
        if (settings.PollInterval <= TimeSpan.Zero || settings.RetryDelay <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Notices:PollInterval and Notices:RetryDelay must be positive.");
        }
        if (settings.UsesSmtp && !Enum.TryParse<MailKit.Security.SecureSocketOptions>(settings.Smtp.Security, ignoreCase: true, out _))
        {
            throw new InvalidOperationException($"Notices:Smtp:Security is '{settings.Smtp.Security}'; use Auto, None, StartTls, StartTlsWhenAvailable or SslOnConnect.");
        }
        builder.Services.AddSingleton(settings);
        builder.Services.AddScoped<NoticeTemplateService>();
        builder.Services.AddScoped<NoticeDraftService>();
        builder.Services.AddSingleton<INoticeTransport>(settings.UsesSmtp
            ? new SmtpNoticeTransport(settings.Smtp)
            : new PickupFolderTransport(Path.GetFullPath(settings.PickupFolder, builder.Environment.ContentRootPath)));
        builder.Services.AddSingleton<NoticeSender>();
        if (settings.SendInBackground) builder.Services.AddHostedService<NoticeSenderWorker>();
    }
}
