using System.Text.Json.Nodes;
using AccessConsole.Web.Access;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Notices;

/// <summary>
/// The notice a person confirmed with a change: its subject line and text, as they may have edited them. A bulk
/// change's notice is wording with placeholders (<see cref="PerOrganization"/>), rendered for each organization it changes.
/// </summary>
public sealed record CustomerNotice(string Subject, string Body, bool PerOrganization = false);

/// <summary>
/// Puts a change's notice into the change's own transaction: its text and SHA-256 into the change's audit event, and
/// the message into the outbox. Called before the event is appended (its details are sealed with it), then after.
/// </summary>
public static class NoticeOutbox
{
    public const string Field = "Notice";
    public const string SubjectField = "NoticeSubject";

    /// <summary>A notice ready to be written: its row, still without its event (none when it cannot be sent), and what the event records of it.</summary>
    public sealed record Prepared(NoticeOutboxMessage? Message, JsonObject Details);

    /// <summary>Checks a notice's own fields (not the database), each problem at its field.</summary>
    public static void Check(IDictionary<string, string> errors, CustomerNotice? notice)
    {
        if (notice is null) return;
        var subject = notice.Subject.Trim();
        if (subject.Length == 0) errors[SubjectField] = "Write the notice's subject line.";
        else if (subject.Length > NoticeTemplate.SubjectMaxLength) errors[SubjectField] = $"Shorten it to {NoticeTemplate.SubjectMaxLength} characters (it has {subject.Length:N0}).";
        else if (subject.Contains('\n') || subject.Contains('\r')) errors[SubjectField] = "Keep the subject to one line.";
        else if (FreeText.Problem(subject) is { } s) errors[SubjectField] = s;

        var body = notice.Body.Trim();
        var max = notice.PerOrganization ? NoticeTemplate.BodyMaxLength : NoticeText.MaxLength;
        if (body.Length == 0) errors[Field] = "Write the notice, or untick Send notice to the customer.";
        else if (body.Length > max) errors[Field] = $"Shorten the notice to {max:N0} characters (it has {body.Length:N0}).";
        else if (FreeText.Problem(body, multiline: true) is { } b) errors[Field] = b;
        if (!notice.PerOrganization) return;
        if (!errors.ContainsKey(SubjectField) && NoticeText.UnknownPlaceholders(subject) is [_, ..] inSubject) errors[SubjectField] = Unknown(inSubject);
        if (!errors.ContainsKey(Field) && NoticeText.UnknownPlaceholders(body) is [_, ..] inBody) errors[Field] = Unknown(inBody);
    }

    public static string Unknown(IReadOnlyList<string> placeholders) =>
        $"Unknown placeholder {string.Join(", ", placeholders)}. Use {string.Join(", ", NoticeText.Placeholders.Select(p => p.Placeholder))}.";

    /// <summary>
    /// Whether the job has noticed the organization already: a notice of its own (at scheduling, at approval, or with
    /// an earlier subject's change) is in the outbox, recorded in an event that carries the job's id. Inside the
    /// change's transaction, after the chain lock, so that two subjects of one organization never both send one.
    /// </summary>
    private static Task<bool> NoticedAsync(AccessConsoleDbContext db, Guid organization, Guid job, CancellationToken ct) =>
        db.NoticeOutbox.AnyAsync(m => m.OrganizationId == organization
            && db.AuditEvents.Any(e => e.Sequence == m.AuditSequence && e.CorrelationId == job), ct);

    /// <summary>A bulk change's wording rendered for one organization; a notice written for one organization as it is.</summary>
    private static async Task<CustomerNotice> RenderForAsync(AccessConsoleDbContext db, Guid organization, CustomerNotice wording, NoticeChange change, CancellationToken ct)
    {
        if (!wording.PerOrganization) return wording;
        var o = await db.Organizations.AsNoTracking().Where(x => x.Id == organization).Select(x => new { x.Name, x.AccountManager }).SingleAsync(ct);
        var facts = new NoticeFacts(o.Name, NoticeText.ChangeOf(change.After), change.TakesEffect, change.Until, change.PolicyClause,
            o.AccountManager.Length > 0 ? o.AccountManager : "your account manager");
        var rendered = NoticeText.Render(wording.Subject, wording.Body, facts);
        return new CustomerNotice(rendered.Subject, rendered.Body);
    }

    /// <summary>
    /// Answers the notice ready to write, or the refusal when the organization has no one to send it to. Only a notice
    /// confirmed with the change itself is refused; one kept with a job (a bulk change's wording, a request's notice)
    /// was checked when the job was submitted and never stops it later: its event records why none was sent, or it
    /// has none when the job noticed the organization already (one notice per organization and job).
    /// </summary>
    public static async Task<(Prepared? Notice, string? Refusal)> PrepareAsync(
        AccessConsoleDbContext db, Guid? organizationId, CustomerNotice wording, NoticeChange change, Guid? job, DateTime now, CancellationToken ct)
    {
        var kept = wording.PerOrganization || job is not null;
        if (organizationId is not { } organization)
        {
            return kept ? (null, null)
                : (null, "A change to an integration for every customer reaches many organizations: send their notices from a bulk change.");
        }
        if (job is { } correlation && await NoticedAsync(db, organization, correlation, ct)) return (null, null);
        var notice = await RenderForAsync(db, organization, wording, change, ct);
        var recipients = await db.NoticeContacts.AsNoTracking().Where(c => c.OrganizationId == organization)
            .OrderBy(c => c.Email).Select(c => c.Email).ToListAsync(ct);
        const string noContacts = "This organization has no notice contacts, so no notice can be sent.";
        if (recipients.Count == 0)
        {
            return kept ? (new Prepared(null, new JsonObject { ["notSent"] = noContacts }), null) : (null, noContacts);
        }

        var id = NewIds.Next();
        var body = NoticeText.Canonical(notice.Body);
        var message = new NoticeOutboxMessage
        {
            Id = id,
            OrganizationId = organization,
            MessageId = $"{id:N}@notices.accessconsole",
            Recipients = string.Join(",", recipients),
            Subject = notice.Subject.Trim(),
            Body = body,
            BodySha256 = NoticeText.Sha256(body),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        var details = new JsonObject
        {
            ["messageId"] = message.MessageId,
            ["to"] = new JsonArray([.. recipients.Select(r => JsonValue.Create(r))]),
            ["subject"] = message.Subject,
            ["text"] = message.Body,
            ["sha256"] = message.BodySha256,
        };
        return (new Prepared(message, details), null);
    }

    /// <summary>The event's details with the notice's beside whatever else they hold.</summary>
    public static string WithNotice(string? details, Prepared? notice)
    {
        var node = details is null ? new JsonObject() : JsonNode.Parse(details)!.AsObject();
        if (notice is not null) node["notice"] = notice.Details.DeepClone();
        return node.ToJsonString(AccessSubjectConfiguration.Json);
    }

    /// <summary>Adds the message, linked to the event that records it, to the change's transaction.</summary>
    public static void Add(AccessConsoleDbContext db, Prepared notice, AuditEvent recordedIn)
    {
        if (notice.Message is null) return;
        notice.Message.AuditSequence = recordedIn.Sequence;
        db.NoticeOutbox.Add(notice.Message);
    }
}
