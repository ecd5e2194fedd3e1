using System.Text.Json.Nodes;
using AccessConsole.Web.Access;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Notices;

/// <summary>The notice a person confirmed with a change: its subject line and text, as they may have edited them.</summary>
public sealed record CustomerNotice(string Subject, string Body);

/// <summary>
/// Puts a change's notice into the change's own transaction: its text and SHA-256 into the change's audit event, and
/// the message into the outbox. Called before the event is appended (its details are sealed with it), then after.
/// </summary>
public static class NoticeOutbox
{
    public const string Field = "Notice";
    public const string SubjectField = "NoticeSubject";

    /// <summary>A notice ready to be written: its row, still without its event, and what the event records of it.</summary>
    public sealed record Prepared(NoticeOutboxMessage Message, JsonObject Details);

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
        if (body.Length == 0) errors[Field] = "Write the notice, or untick Send notice to the customer.";
        else if (body.Length > NoticeText.MaxLength) errors[Field] = $"Shorten the notice to {NoticeText.MaxLength:N0} characters (it has {body.Length:N0}).";
        else if (FreeText.Problem(body, multiline: true) is { } b) errors[Field] = b;
    }

    /// <summary>Answers the notice ready to write, or the refusal when the organization has no one to send it to.</summary>
    public static async Task<(Prepared? Notice, string? Refusal)> PrepareAsync(
        AccessConsoleDbContext db, Guid? organizationId, CustomerNotice notice, DateTime now, CancellationToken ct)
    {
        if (organizationId is not { } organization)
        {
            return (null, "A change to an integration for every customer reaches many organizations: send their notices from a bulk change.");
        }
        var recipients = await db.NoticeContacts.AsNoTracking().Where(c => c.OrganizationId == organization)
            .OrderBy(c => c.Email).Select(c => c.Email).ToListAsync(ct);
        if (recipients.Count == 0) return (null, "This organization has no notice contacts, so no notice can be sent.");

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
        notice.Message.AuditSequence = recordedIn.Sequence;
        db.NoticeOutbox.Add(notice.Message);
    }
}
