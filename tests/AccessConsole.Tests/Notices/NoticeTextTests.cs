using AccessConsole.Web.Access;
using AccessConsole.Web.Notices;

namespace AccessConsole.Tests.Notices;

/// <summary>Rendering a notice: each placeholder filled with its fact, the words for absent ones, unknown ones found.</summary>
public sealed class NoticeTextTests
{
    private static readonly NoticeFacts Cut = new(
        "Slipstream Tools",
        NoticeText.ChangeOf(AccessValue.Restricted(new Restriction { ModelFamilies = ["haiku"], RequestsPerMinute = 1200 }, new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc))),
        new DateTime(2026, 12, 9, 14, 30, 0, DateTimeKind.Utc),
        new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc),
        " §4.2 Capacity ",
        "Priya Raman");

    [Fact]
    public void Every_placeholder_is_filled_with_its_fact()
    {
        var notice = NoticeText.Render("{organization}: {change}", "{organization} | {change} | {takes-effect} | {until} | {policy-clause} | {contact}", Cut);

        Assert.Equal("Slipstream Tools: Restricted: models haiku; 1,200 requests/min", notice.Subject);
        Assert.Equal("Slipstream Tools | Restricted: models haiku; 1,200 requests/min | 2026-12-09 14:30 UTC | 2027-03-01 00:00 UTC | §4.2 Capacity | Priya Raman", notice.Body);
    }

    [Fact]
    public void A_change_made_now_without_end_or_clause_says_so_in_words()
    {
        var facts = Cut with { TakesEffect = null, Until = null, PolicyClause = "  " };

        var notice = NoticeText.Render("x", "{takes-effect}; {until}; {policy-clause}", facts);

        Assert.Equal("immediately; until further notice; our terms of service", notice.Body);
    }

    [Fact]
    public void What_changes_is_the_preview_text_without_the_end_time_which_has_its_own_placeholder()
    {
        var after = AccessValue.Revoked(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal("Revoked (until 2027-01-01 00:00 UTC)", RestrictionText.Describe(after));
        Assert.Equal("Revoked", NoticeText.ChangeOf(after));
    }

    [Fact]
    public void A_subject_stays_one_line_and_the_body_keeps_its_lines_with_one_kind_of_line_end()
    {
        var notice = NoticeText.Render("{organization}\r\nsecond", "a\r\nb\rc", Cut with { Organization = "Two\nLines" });

        Assert.Equal("Two Lines second", notice.Subject);
        Assert.Equal("a\nb\nc", notice.Body);
    }

    [Fact]
    public void The_default_wording_uses_every_placeholder_and_rendering_it_leaves_none()
    {
        var notice = NoticeText.Render(NoticeText.DefaultSubject, NoticeText.DefaultBody, Cut);

        Assert.All(NoticeText.Placeholders, p => Assert.Contains(p.Placeholder, NoticeText.DefaultSubject + NoticeText.DefaultBody));
        Assert.DoesNotContain("{", notice.Subject + notice.Body);
        Assert.Contains("What changes: Restricted: models haiku; 1,200 requests/min", notice.Body);
    }

    [Fact]
    public void Unknown_placeholders_are_found_and_left_as_written()
    {
        Assert.Equal(["{Organization}", "{deadline}"], NoticeText.UnknownPlaceholders("{Organization} {deadline} {contact} {deadline}"));
        Assert.Equal("{deadline}", NoticeText.Render("s", "{deadline}", Cut).Body);
    }

    [Fact]
    public void The_hash_is_the_SHA256_of_the_UTF8_text()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", NoticeText.Sha256("abc"));
        Assert.NotEqual(NoticeText.Sha256("§"), NoticeText.Sha256("?"));
    }

    [Fact]
    public void The_canonical_text_is_what_mail_delivers_with_line_ends_and_a_final_break_undone()
    {
        Assert.Equal("a\nb", NoticeText.Canonical(" a\r\nb\r\n"));
        Assert.Equal(NoticeText.Canonical("a\nb"), NoticeText.Canonical("a\r\nb\r\n"));
    }
}
