using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AccessConsole.Tests.Lookup;

/// <summary>The lookup page as support uses it: a pasted whole key is found, explained, and gone from the page.</summary>
public sealed class LookupPageTests() : ConsoleComponentTests("Sam Support", Roles.Support)
{
    [Fact]
    public async Task A_pasted_whole_key_finds_its_key_explains_it_and_is_cleared_from_the_page()
    {
        var secret = DemoKeys.Secret("kestrel-prod");
        var page = App.Render<LookupPage>();

        await SearchAsync(page, $" {secret} ");

        Assert.Equal("1 match", Status(page));
        var results = page.Named("Lookup results").Shown();
        Assert.Contains(DemoCatalog.StoppedKeyOrganization, results);
        Assert.Contains(KeyFormat.Mask(KeyFormat.DisplayPrefixOf(secret), KeyFormat.LastFourOf(secret)), results);
        Assert.Contains("Whole key", results);
        Assert.DoesNotContain("WholeKey", results);
        Assert.Contains("Denied key kestrel-prod is revoked", page.Named("Why: kestrel-prod").Shown());
        Assert.Equal("", page.Labelled("Search customers").GetAttribute("value"));
        Assert.DoesNotContain(secret, page.Markup);
    }

    [Fact]
    public async Task Scenario_7_a_revoked_key_is_answered_with_who_why_the_ticket_its_event_and_what_still_works()
    {
        var page = App.Render<LookupPage>();

        await SearchAsync(page, DemoKeys.Secret("kestrel-prod"));

        var answer = page.Named("Answer: kestrel-prod");
        var told = answer.Shown();
        Assert.Contains("Revoked by Dana Whitfield", told);
        Assert.Contains("Security — key exposed", told);
        Assert.Contains("ticket SEC-2291", told);
        // Support may not open the audit log: the event is named by its number, a link only for those who may.
        // The deciding layer and the change both name the revocation's event: the same one, never another.
        var auditEvents = answer.QuerySelectorAll("[title^='Audit event']");
        Assert.Single(auditEvents.Select(e => e.GetAttribute("title")).Distinct());
        var auditEvent = Assert.Single(auditEvents, e => e.Shown().StartsWith("event #"));
        Assert.Contains($"Still works for {DemoCatalog.StoppedKeyOrganization}:", told);
        var stillWorks = page.Named($"Keys of {DemoCatalog.StoppedKeyOrganization} that still work").Shown();
        Assert.StartsWith("kestrel-staging", stillWorks);
        Assert.DoesNotContain("kestrel-prod", stillWorks);
        Assert.Matches(@"^event #[\d,]+$", auditEvent.Shown());
        Assert.Equal($"{DemoCatalog.StoppedKeyOrganization} · Lookup · AccessConsole", Title(page));
    }

    [Fact]
    public async Task A_key_that_works_is_not_told_what_else_works()
    {
        var page = App.Render<LookupPage>();

        await SearchAsync(page, DemoKeys.Secret("kestrel-staging"));

        Assert.DoesNotContain("Still works for", page.Named("Answer: kestrel-staging").Shown());
    }

    [Fact]
    public async Task A_key_prefix_stays_in_the_box_to_refine()
    {
        var prefix = KeyFormat.DisplayPrefixOf(DemoKeys.Secret("kestrel-staging"))[..18];
        var page = App.Render<LookupPage>();

        await SearchAsync(page, prefix);

        Assert.Contains("kestrel-staging", page.Named("Why: kestrel-staging").Shown());
        Assert.Equal(prefix, page.Labelled("Search customers").GetAttribute("value"));
    }

    [Fact]
    public async Task A_name_finds_organizations_and_no_match_says_so()
    {
        var kestrel = await App.Demo.OrganizationAsync(DemoCatalog.StoppedKeyOrganization);
        var page = App.Render<LookupPage>();

        await SearchAsync(page, "Kestrel");
        Assert.Equal("1 match", Status(page));
        Assert.Equal($"/organizations/{kestrel.Id}", page.Link(DemoCatalog.StoppedKeyOrganization).GetAttribute("href"));
        Assert.False(page.HasNamed("Why these keys work or not"));
        Assert.Equal("Kestrel", page.Labelled("Search customers").GetAttribute("value"));

        await SearchAsync(page, "No Such Customer Anywhere");
        Assert.Equal("No customer matches.", Status(page));
    }

    [Fact]
    public async Task An_over_long_search_is_refused_at_the_field()
    {
        var page = App.Render<LookupPage>();

        await SearchAsync(page, new string('a', 201));

        Assert.Equal("Search with at most 200 characters (this has 201).", page.MessageAt("lookup"));
        Assert.Empty(page.FindAll("[role=status]"));
    }

    /// <summary>Types and presses Search; returns once the search has answered.</summary>
    private static async Task SearchAsync(IRenderedComponent<LookupPage> page, string text)
    {
        page.Labelled("Search customers").Type(text);
        await page.Button("Search").ClickAsync(new MouseEventArgs());
    }

    /// <summary>The text the page gives the browser's title.</summary>
    private string Title(IRenderedComponent<LookupPage> page) =>
        App.Render(page.FindComponent<Microsoft.AspNetCore.Components.Web.PageTitle>().Instance.ChildContent!).Markup.Trim();

    private static string Status(IRenderedComponent<LookupPage> page) => Assert.Single(page.FindAll("[role=status]")).Shown();
}
