using AccessConsole.Web.Audit;

namespace AccessConsole.Tests.Audit;

public sealed class CanonicalFormTests
{
    // Computed independently, by Python's json.dumps(event, ensure_ascii=False, separators=(',', ':')) and hashlib.
    private const string GoldenHash = "06b0d846dca4f0f230f8893818a5dd52acdd9a4b25d368f887e022edf6699d51";

    internal static AuditEvent GoldenEvent() => new()
    {
        Sequence = 42,
        EventId = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        OccurredAt = new DateTime(2026, 3, 1, 14, 30, 5, DateTimeKind.Utc).AddTicks(1234567),
        ActorId = "entra:0f0e",
        ActorName = "Zoë \"Z\" O'Neil",
        ActorRoles = "AccountManager,Admin",
        Action = "access.restrict",
        SubjectKind = "Organization",
        SubjectId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        SubjectName = "Ünïcode ☃ 😀 Corp",
        OrganizationId = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
        OrganizationName = "Back\\slash / <tag> & co",
        ReasonCode = "capacity",
        Justification = "line1\nline2\ttab\u0001ctl\u007fdel\u2028sep\r\b\f",
        PolicyClause = "§2.3",
        AccessBefore = "{\"State\":\"Active\"}",
        AccessAfter = "{\"State\":\"Revoked\"}",
        UndoesSequence = 7,
        PreviousHash = string.Concat(Enumerable.Repeat("ab", 32)),
    };

    [Fact]
    public void The_hash_of_an_event_is_what_an_independent_implementation_computes()
    {
        Assert.Equal(GoldenHash, AuditChain.ComputeHash(GoldenEvent()));
    }

    [Fact]
    public void Members_come_in_the_documented_order_without_whitespace_and_absent_values_are_null()
    {
        var canonical = AuditChain.Canonical(GoldenEvent());

        Assert.StartsWith("{\"sequence\":42,\"eventId\":\"11111111-2222-3333-4444-555555555555\",\"occurredAt\":\"2026-03-01T14:30:05.1234567Z\",", canonical);
        Assert.Contains(",\"ticketReference\":null,", canonical);
        Assert.Contains(",\"undoesSequence\":7,\"previousChangeSequence\":null,", canonical);
        Assert.EndsWith($",\"previousHash\":\"{GoldenEvent().PreviousHash}\"}}", canonical);
        var names = System.Text.Json.JsonDocument.Parse(canonical).RootElement.EnumerateObject().Select(p => p.Name);
        Assert.Equal(AuditChain.FieldNames, names);
    }

    [Theory]
    [InlineData("\"", "\\\"")]
    [InlineData("\\", "\\\\")]
    [InlineData("\n", "\\n")]
    [InlineData("\r", "\\r")]
    [InlineData("\t", "\\t")]
    [InlineData("\b", "\\b")]
    [InlineData("\f", "\\f")]
    [InlineData("\u0000", "\\u0000")]
    [InlineData("\u001f", "\\u001f")]
    [InlineData("\u007f", "\u007f")]
    [InlineData("\u0085", "\u0085")]
    [InlineData("\u2028", "\u2028")]
    [InlineData("\ufeff", "\ufeff")]
    [InlineData("\u0897", "\u0897")]
    [InlineData("😀", "😀")]
    [InlineData("/<>&'+", "/<>&'+")]
    public void Strings_escape_only_quote_backslash_and_control_characters(string value, string written)
    {
        var e = GoldenEvent();
        e.Justification = value;

        Assert.Contains($"\"justification\":\"{written}\"", AuditChain.Canonical(e));
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_the_replacement_character_as_utf8_encoders_do()
    {
        var e = GoldenEvent();
        e.Justification = "a" + (char)0xD800 + "b";

        Assert.Contains("\"justification\":\"a\ufffdb\"", AuditChain.Canonical(e));
    }

    [Fact]
    public void A_json_line_is_the_canonical_text_with_the_stored_hash_as_last_member()
    {
        var e = GoldenEvent();
        e.Hash = AuditChain.ComputeHash(e);

        var line = AuditChain.JsonLine(e);

        Assert.Equal(AuditChain.Canonical(e)[..^1] + $",\"hash\":\"{GoldenHash}\"}}", line);
    }

    [Fact]
    public void Sealing_links_an_event_to_its_predecessor_and_any_change_of_a_field_changes_the_hash()
    {
        var e = GoldenEvent();
        AuditChain.Seal(e, 43, GoldenHash);
        var sealedHash = e.Hash;

        e.TicketReference = "CAP-1";

        Assert.Equal(43, e.Sequence);
        Assert.Equal(GoldenHash, e.PreviousHash);
        Assert.NotEqual(sealedHash, AuditChain.ComputeHash(e));
    }
}
