using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Audit;
using Bunit;

namespace AccessConsole.Tests.Audit;

/// <summary>Markup of the audit page's small components; no script may run for them.</summary>
public sealed class AuditComponentTests
{
    [Fact]
    public void The_event_details_show_the_access_before_and_after_side_by_side()
    {
        var e = CanonicalFormTests.GoldenEvent();
        e.AccessBefore = AccessJson.Serialize(AccessValue.Restricted(new Restriction { RequestsPerMinute = 500, ModelFamilies = ["haiku"] }));
        e.AccessAfter = AccessJson.Serialize(AccessValue.Revoked(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)));
        using var ui = new UiComponents(scriptsAllowed: false);
        ui.AddAuthorization();

        var details = ui.Render<AuditEventDetails>(p => p.Add(d => d.Event, e));

        var rows = details.Named("Access before and after").QuerySelectorAll("tbody tr")
            .Select(r => string.Join(" | ", r.QuerySelectorAll("th, td").Select(c => c.Shown()))).ToList();
        Assert.Contains("State (changed) | Restricted | Revoked", rows);
        Assert.Contains("Requests per minute (changed) | 500 | —", rows);
        Assert.Contains("Model families (changed) | haiku | —", rows);
        Assert.Contains("Until (changed) | — | 2026-12-01 00:00 UTC", rows);
        Assert.Contains("Purposes (changed) | any | —", rows);
        Assert.Contains(e.Justification!, WebUtility.HtmlDecode(details.Markup));
        Assert.Contains(e.PreviousHash, details.Find("article").Shown());
    }

    [Fact]
    public void An_event_without_access_shows_no_comparison_and_encodes_its_text()
    {
        var e = CanonicalFormTests.GoldenEvent();
        (e.AccessBefore, e.AccessAfter, e.Justification) = (null, null, "<script>alert(1)</script>");
        using var ui = new UiComponents(scriptsAllowed: false);
        ui.AddAuthorization();

        var details = ui.Render<AuditEventDetails>(p => p.Add(d => d.Event, e));

        Assert.DoesNotContain("Access before and after", details.Find("article").Shown());
        Assert.False(details.HasNamed("Access before and after"));
        Assert.Empty(details.FindAll("script"));
        Assert.Contains("&lt;script&gt;", details.Markup);
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
