using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AccessConsole.Web.Notices;

/// <summary>Hands a notice to whatever delivers it. Throws when it could not.</summary>
public interface INoticeTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Delivers through an SMTP server with MailKit: host, port, TLS and credentials from configuration.</summary>
public sealed class SmtpNoticeTransport(SmtpSettings settings) : INoticeTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host!, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>Writes each notice as an .eml file named after its Message-ID, so that a retry rewrites the same file.</summary>
public sealed class PickupFolderTransport(string folder) : INoticeTransport
{
    public string Folder { get; } = folder;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var name = string.Concat((message.MessageId ?? "notice").Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_')) + ".eml";
        var path = Path.Combine(Folder, name);
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }
}
