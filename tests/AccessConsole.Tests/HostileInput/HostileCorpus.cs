namespace AccessConsole.Tests.HostileInput;

/// <summary>
/// Inputs a hostile or careless person sends: oversized text, control, direction-changing and invisible characters,
/// SQL and LIKE metacharacters, markup and script, broken characters. Each surface replays all of them.
/// </summary>
public static class HostileCorpus
{
    /// <summary>Texts no justification may hold: empty, oversized, or with characters that hide or disguise text.</summary>
    public static IReadOnlyList<(string Name, string Text)> RefusedTexts { get; } =
    [
        ("empty", ""),
        ("blank", "   \t  "),
        ("newlines only", "\n\n\r\n"),
        ("2,001 characters", new string('x', 2001)),
        ("40,000 characters", new string('y', 40_000)),
        ("one million characters", new string('z', 1_000_000)),
        ("NUL", "justified\0 text here"),
        ("bell", "justified\u0007 text here"),
        ("escape sequence", "justified \u001b[31mred\u001b[0m text"),
        ("DEL", "justified\u007f text here"),
        ("C1 control", "justified\u0085 text here"),
        ("right-to-left override", "invoice-\u202Egnp.exe was attached"),
        ("left-to-right override", "invoice-\u202Dgnp.exe was attached"),
        ("right-to-left embedding", "text \u202Bembedded\u202C here ok"),
        ("left-to-right embedding", "text \u202Aembedded\u202C here ok"),
        ("pop directional formatting", "stray \u202C pop in the text"),
        ("right-to-left isolate", "approved by \u2067legal\u2069 today"),
        ("left-to-right isolate", "approved by \u2066legal\u2069 today"),
        ("first strong isolate", "approved by \u2068legal\u2069 today"),
        ("left-to-right mark", "\u200Eterms section four"),
        ("right-to-left mark", "terms section four\u200F"),
        ("arabic letter mark", "terms \u061C section four"),
        ("zero-width space", "key exposed in\u200B a repository"),
        ("zero-width non-joiner", "key exposed in\u200C a repository"),
        ("zero-width joiner", "key exposed in\u200D a repository"),
        ("word joiner", "key exposed in\u2060 a repository"),
        ("byte order mark", "\uFEFFkey exposed in a repository"),
        ("soft hyphen", "key ex\u00ADposed in a repository"),
        ("line separator", "first line\u2028second line"),
        ("paragraph separator", "first line\u2029second line"),
        ("lone high surrogate", "broken \uD800 character here"),
        ("lone low surrogate", "broken \uDC00 character here"),
        ("interlinear annotation", "text \uFFF9note\uFFFB here ok"),
    ];

    /// <summary>Texts that are hostile only to a careless program: a justification may hold them, stored exactly as written.</summary>
    public static IReadOnlyList<(string Name, string Text)> AcceptedTexts { get; } =
    [
        ("SQL comment and drop", "'; DROP TABLE AuditEvents; --"),
        ("SQL tautology", "' OR '1'='1' --"),
        ("SQL union", "x' UNION SELECT SecretHash FROM ApiKeys --"),
        ("LIKE wildcards", "100% of the _ keys [a-z]"),
        ("LIKE escape", "\\%\\_ escaped wildcards"),
        ("SQLite pragma", "x'); PRAGMA writable_schema=1; --"),
        ("script tag", "<script>alert(document.cookie)</script>"),
        ("image onerror", "<img src=x onerror=alert(1)> seen in logs"),
        ("javascript url", "javascript:alert(1) // link in ticket"),
        ("svg onload", "<svg onload=alert(1)></svg> payload text"),
        ("html entities", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("template injection", "{{7*7}} and ${7*7} and @(7*7)"),
        ("CSV formula", "=HYPERLINK(\"http://evil.example\",\"click\")"),
        ("JSON breaking", "\"},{\"reasonCode\":\"other\",\"x\":\""),
        ("path traversal", "../../../../etc/passwd is what they read"),
        ("emoji and accents", "Kundenanfrage bestätigt ✅ — 顧客の要求 👍"),
        ("combining characters", "Ze\u0301ro c\u0327edilla accents"),
        ("right-to-left script", "طلب العميل بخصوص المفتاح"),
    ];

    public static IEnumerable<(string Name, string Text)> Texts => RefusedTexts.Concat(AcceptedTexts);

    /// <summary>Numbers at and beyond the limits of a cap.</summary>
    public static IReadOnlyList<int> Caps { get; } = [int.MinValue, -1, 0, 1, 1_000_000_000, 1_000_000_001, int.MaxValue];

    /// <summary>Hours a day, days with that usage and the window of a round-the-clock segment, at and beyond their limits.</summary>
    public static IReadOnlyList<(int Hours, int MinDays, int Days)> UsagePatterns { get; } =
        [(0, 1, 7), (1, 1, 1), (24, 7, 7), (25, 5, 7), (20, 0, 7), (20, 8, 7), (20, 5, 0), (20, 5, 90), (20, 5, 91), (-1, -1, -1), (int.MaxValue, int.MaxValue, int.MaxValue)];
}
