using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AccessConsole.Web.Access;

namespace AccessConsole.Web.Notices;

/// <summary>The facts a notice states, each already in words except the times.</summary>
public sealed record NoticeFacts(string Organization, string Change, DateTime? TakesEffect, DateTime? Until, string? PolicyClause, string Contact);

public sealed record RenderedNotice(string Subject, string Body);

/// <summary>Fills a template's placeholders with a change's facts. Pure: the same template and facts give the same text.</summary>
public static partial class NoticeText
{
    public const int MaxLength = 8000;

    public const string Organization = "{organization}";
    public const string Change = "{change}";
    public const string TakesEffect = "{takes-effect}";
    public const string Until = "{until}";
    public const string PolicyClause = "{policy-clause}";
    public const string Contact = "{contact}";

    public static IReadOnlyList<(string Placeholder, string Meaning)> Placeholders { get; } =
    [
        (Organization, "the organization's name"),
        (Change, "what changes, in the words of the change preview"),
        (TakesEffect, "when it takes effect (\"immediately\" for a change made now)"),
        (Until, "until when (\"until further notice\" without an end)"),
        (PolicyClause, "the policy clause the change cites"),
        (Contact, "whom to contact: the organization's account manager"),
    ];

    public const string DefaultSubject = "Change to your API access: {organization}";

    public const string DefaultBody = """
        Hello {organization},

        We are writing to tell you of a change to your access to our API.

        What changes: {change}
        Takes effect: {takes-effect}
        Until: {until}
        Policy: {policy-clause}

        If you have questions, please contact {contact}.
        """;

    public static RenderedNotice Render(string subject, string body, NoticeFacts facts)
    {
        var values = new Dictionary<string, string>
        {
            [Organization] = facts.Organization,
            [Change] = facts.Change,
            [TakesEffect] = facts.TakesEffect is { } at ? Time(at) : "immediately",
            [Until] = facts.Until is { } until ? Time(until) : "until further notice",
            [PolicyClause] = string.IsNullOrWhiteSpace(facts.PolicyClause) ? "our terms of service" : facts.PolicyClause.Trim(),
            [Contact] = facts.Contact,
        };
        string Fill(string text) => PlaceholderShape().Replace(text, m => values.TryGetValue(m.Value, out var value) ? value : m.Value);
        // A subject is one line, whatever a name or clause holds.
        return new RenderedNotice(Fill(subject).ReplaceLineEndings(" ").Trim(), Fill(body).ReplaceLineEndings("\n"));
    }

    /// <summary>What changes, from the same text the change preview shows (the end time is a placeholder of its own).</summary>
    public static string ChangeOf(AccessValue after, Func<Guid, string>? integrationName = null) =>
        RestrictionText.Describe(after with { Until = null }, integrationName);

    /// <summary>The placeholders in a text that the notice does not know, for a message at the field.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string text) =>
        PlaceholderShape().Matches(text).Select(m => m.Value)
            .Where(p => !Placeholders.Any(k => k.Placeholder == p)).Distinct().ToList();

    /// <summary>
    /// A notice's text in the form that is stored, hashed and recorded: LF line ends, no leading or trailing white space.
    /// Mail adds a final line break and may turn line ends to CRLF; the same function applied to the received text gives it back.
    /// </summary>
    public static string Canonical(string text) => text.ReplaceLineEndings("\n").Trim();

    /// <summary>The SHA-256 of a notice's canonical text (UTF-8), in lower-case hex; the change's audit event records it.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{[A-Za-z][A-Za-z_-]*\}")]
    private static partial Regex PlaceholderShape();
}
