using System.Text.Json;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using AccessConsole.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Notices;

/// <summary>A reason code's notice wording: the Admin's own, or the default (<see cref="IsDefault"/>).</summary>
public sealed record NoticeTemplateRow(string ReasonCode, string ReasonLabel, string Subject, string Body, bool IsDefault, string? UpdatedBy, DateTime? UpdatedAt,
    long? LastChangeSequence = null);

public static class NoticeTemplateFields
{
    public const string Subject = nameof(Subject);
    public const string Body = nameof(Body);
    public const string ReasonCode = nameof(ReasonCode);
}

/// <summary>The notice templates, one per reason code. Everyone who changes access reads them; Admins write them, audited.</summary>
public sealed class NoticeTemplateService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock)
{
    public const string ChangeAction = "notice.template-change";
    public const string TemplateSubjectKind = "NoticeTemplate";

    /// <summary>Every current reason code with its wording.</summary>
    public async Task<IReadOnlyList<NoticeTemplateRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reasons = await db.ReasonCodes.AsNoTracking().Where(r => !r.IsRetired).OrderBy(r => r.Label).ToListAsync(cancellationToken);
        var templates = await db.NoticeTemplates.AsNoTracking().ToDictionaryAsync(t => t.ReasonCode, cancellationToken);
        var changes = await db.AuditEvents.Where(e => e.Action == ChangeAction && e.SubjectId != null).GroupBy(e => e.SubjectId!)
            .Select(g => new { Code = g.Key, Sequence = g.Max(e => e.Sequence) }).ToDictionaryAsync(x => x.Code, x => x.Sequence, cancellationToken);
        return reasons.Select(r => templates.TryGetValue(r.Code, out var t)
                ? new NoticeTemplateRow(r.Code, r.Label, t.Subject, t.Body, false, t.UpdatedBy, t.UpdatedAt, changes.TryGetValue(r.Code, out var last) ? last : null)
                : new NoticeTemplateRow(r.Code, r.Label, NoticeText.DefaultSubject, NoticeText.DefaultBody, true, null, null))
            .ToList();
    }

    /// <summary>The wording for one reason code, with its placeholders, for a bulk change to render for each organization.</summary>
    public async Task<(string Subject, string Body)> WordingForAsync(string? reasonCode, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ChangeAccess);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await WordingAsync(db, reasonCode, cancellationToken);
    }

    /// <summary>The wording for one reason code (the default when it has none of its own).</summary>
    public static async Task<(string Subject, string Body)> WordingAsync(AccessConsoleDbContext db, string? reasonCode, CancellationToken ct)
    {
        var template = await db.NoticeTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.ReasonCode == reasonCode, ct);
        return template is null ? (NoticeText.DefaultSubject, NoticeText.DefaultBody) : (template.Subject, template.Body);
    }

    /// <summary>Saves a reason code's wording; answers the messages per field, empty when it was saved.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveAsync(string reasonCode, string? subject, string? body, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.Administer);
        subject = subject?.Trim() ?? "";
        body = body?.Trim() ?? "";
        var errors = new Dictionary<string, string>();
        if (Problem(subject, NoticeTemplate.SubjectMaxLength, multiline: false) is { } s) errors[NoticeTemplateFields.Subject] = s;
        if (Problem(body, NoticeTemplate.BodyMaxLength, multiline: true) is { } b) errors[NoticeTemplateFields.Body] = b;
        if (errors.Count > 0) return errors;

        var unknown = new Dictionary<string, string> { [NoticeTemplateFields.ReasonCode] = "This reason code does not exist or is retired." };
        var none = new Dictionary<string, string>();
        return await AuditLog.WriteAsync(contexts, async db =>
        {
            var reason = await db.ReasonCodes.AsNoTracking().SingleOrDefaultAsync(r => r.Code == reasonCode && !r.IsRetired, cancellationToken);
            if (reason is null) return (unknown, false);
            var template = await db.NoticeTemplates.SingleOrDefaultAsync(t => t.ReasonCode == reasonCode, cancellationToken);
            var (beforeSubject, beforeBody) = template is null ? (NoticeText.DefaultSubject, NoticeText.DefaultBody) : (template.Subject, template.Body);
            // The same wording again is no change: nothing is saved and nothing audited.
            if (beforeSubject.Trim() == subject && beforeBody.Trim() == body) return (none, false);

            var now = clock.GetUtcNow().UtcDateTime;
            var before = template is null ? null : new { subject = template.Subject, body = template.Body };
            if (template is null) db.NoticeTemplates.Add(template = new NoticeTemplate { ReasonCode = reason.Code });
            template.Subject = subject;
            template.Body = body;
            template.UpdatedBy = actor.Name;
            template.UpdatedAt = now;
            await AuditLog.AppendAsync(db, [new AuditEvent(actor, now, ChangeAction)
            {
                SubjectKind = TemplateSubjectKind,
                SubjectId = reason.Code,
                SubjectName = reason.Label,
                Details = JsonSerializer.Serialize(new { before, after = new { subject, body } }),
            }], cancellationToken);
            return (none, true);
        }, cancellationToken);
    }

    private static string? Problem(string text, int maxLength, bool multiline)
    {
        if (text.Length == 0) return "Write it: a notice cannot be sent without it.";
        if (text.Length > maxLength) return $"Shorten it to {maxLength:N0} characters (it has {text.Length:N0}).";
        if (FreeText.Problem(text, multiline) is { } problem) return problem;
        return NoticeText.UnknownPlaceholders(text) is [_, ..] unknown
            ? $"Unknown placeholder {string.Join(", ", unknown)}. Use {string.Join(", ", NoticeText.Placeholders.Select(p => p.Placeholder))}."
            : null;
    }
}
