using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace AccessConsole.Web.Notices;

/// <summary>
/// Delivers the outbox at least once: each due notice is held for one attempt by a conditional UPDATE, sent, and then
/// marked delivered, or given its error and a later time to try again (backing off, never giving up). A mail server
/// that fails delays a notice; it never loses one, and never touches the change it announces.
/// </summary>
public sealed class NoticeSender(IDbContextFactory<AccessConsoleDbContext> contexts, INoticeTransport transport, NoticeSettings settings, TimeProvider clock,
    ILogger<NoticeSender> logger)
{
    public const int BatchSize = 20;
    private const int ErrorMax = 1000;

    /// <summary>Attempts every notice that is due; answers how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.NoticeOutbox.AsNoTracking().Where(m => m.DeliveredAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(BatchSize).ToListAsync(ct);
        var delivered = 0;
        foreach (var notice in due)
        {
            var held = await db.NoticeOutbox.Where(m => m.Id == notice.Id && m.DeliveredAt == null && m.NextAttemptAt == notice.NextAttemptAt)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, now + settings.AttemptLease), ct);
            if (held == 0) continue; // another instance holds it
            string? error = null;
            try
            {
                await transport.SendAsync(Message(notice), ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                error = $"{e.GetType().Name}: {e.Message}";
                if (error.Length > ErrorMax) error = error[..ErrorMax];
                logger.LogWarning("Notice {MessageId} not delivered (attempt {Attempt}): {Error}", notice.MessageId, notice.Attempts + 1, error);
            }
            var at = clock.GetUtcNow().UtcDateTime;
            var attempts = notice.Attempts + 1;
            await db.NoticeOutbox.Where(m => m.Id == notice.Id).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastAttemptAt, at)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.DeliveredAt, error == null ? at : null)
                .SetProperty(m => m.NextAttemptAt, error == null ? at : at + settings.Backoff(attempts)), ct);
            if (error is null) delivered++;
        }
        return delivered;
    }

    /// <summary>The same message on every attempt: its Message-ID and date were fixed when the notice was written.</summary>
    public MimeMessage Message(NoticeOutboxMessage notice)
    {
        var message = new MimeMessage
        {
            MessageId = notice.MessageId,
            Date = new DateTimeOffset(notice.CreatedAt, TimeSpan.Zero),
            Subject = notice.Subject,
            Body = new TextPart("plain") { Text = notice.Body },
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.AddRange(notice.Recipients.Split(',').Select(MailboxAddress.Parse));
        return message;
    }
}

/// <summary>Runs the sender on each instance every poll interval.</summary>
public sealed class NoticeSenderWorker(NoticeSender sender, NoticeSettings settings, ILogger<NoticeSenderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sender.DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Sending notices failed; will try again");
            }
            try
            {
                await Task.Delay(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
