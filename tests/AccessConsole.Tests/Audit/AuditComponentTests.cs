using System.Net;
using System.Text.RegularExpressions;
using AccessConsole.Tests.Shared;
using AccessConsole.Web.Access;
using AccessConsole.Web.Audit;

namespace AccessConsole.Tests.Audit;

/// <summary>Markup of the audit page's small components, rendered by the framework's own HtmlRenderer.</summary>
public sealed class AuditComponentTests
{
    [Fact]
    public async Task The_event_details_show_the_access_before_and_after_side_by_side()
    {
        var e = CanonicalFormTests.GoldenEvent();
        e.AccessBefore = AccessJson.Serialize(AccessValue.Restricted(new Restriction { RequestsPerMinute = 500, ModelFamilies = ["haiku"] }));
        e.AccessAfter = AccessJson.Serialize(AccessValue.Revoked(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)));

        var markup = await ComponentMarkupTests.RenderAsync<AuditEventDetails>(new() { [nameof(AuditEventDetails.Event)] = e });
        var html = Regex.Replace(WebUtility.HtmlDecode(markup), @">\s+<", "><");

        Assert.Contains("<th scope=\"row\">State (changed)</th><td>Restricted</td><td>Revoked</td>", html);
        Assert.Contains("<th scope=\"row\">Requests per minute (changed)</th><td>500</td><td>—</td>", html);
        Assert.Contains("<th scope=\"row\">Model families (changed)</th><td>haiku</td><td>—</td>", html);
        Assert.Contains("<th scope=\"row\">Until (changed)</th><td>—</td><td>2026-12-01 00:00 UTC</td>", html);
        Assert.Contains("<th scope=\"row\">Purposes (changed)</th><td>any</td><td>—</td>", html);
        Assert.Contains(e.Justification!, html);
        Assert.Contains(e.PreviousHash, html);
    }

    [Fact]
    public async Task An_event_without_access_shows_no_comparison_and_encodes_its_text()
    {
        var e = CanonicalFormTests.GoldenEvent();
        (e.AccessBefore, e.AccessAfter, e.Justification) = (null, null, "<script>alert(1)</script>");

        var html = await ComponentMarkupTests.RenderAsync<AuditEventDetails>(new() { [nameof(AuditEventDetails.Event)] = e });

        Assert.DoesNotContain("Access before and after", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Restoring_to_active_compares_every_aspect_with_the_restriction_it_lifts()
    {
        var rows = AccessAspects.Compare(AccessValue.Restricted(new Restriction { FirstPartyClientsOnly = true, TokensPerMinute = 1_000 }), AccessValue.Active, id => id.ToString());

        Assert.Equal(["State", "Clients", "Tokens per minute"], rows.Where(r => r.Changed).Select(r => r.Aspect));
        Assert.Equal(("first-party only", "any"), (rows[3].Before, rows[3].After));
        Assert.Equal(("1,000", "no cap"), (rows[6].Before, rows[6].After));
    }
}
