using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Access.Explanations;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Access.Explanations;

/// <summary>
/// The Why panel of the demo's rival lab, as support reads it: for each kind of layer that decides, the decision and
/// the layer with its reason, person, time and audit event.
/// </summary>
public sealed class WhyPanelTests() : ConsoleComponentTests("Sam Support", Roles.Support)
{
    private const string Lab = DemoCatalog.RivalLab;

    private SubjectRef lab;

    protected override async Task StartedAsync() => lab = await App.Demo.OrganizationAsync(Lab);

    [Fact]
    public async Task An_organization_restriction_stops_the_keys_it_does_not_allow_and_bounds_the_others()
    {
        var set = await ChangeAsync(lab, v => ChangeRequests.Restrict(lab, v, new Restriction { Purposes = [KeyPurpose.Benchmarking, KeyPurpose.SafetyEvaluation] })
            with { ReasonCode = StandardReasonCodes.CompetingProduct });

        var panel = Render();

        var general = Why(panel, "northwind-general-prod");
        Assert.Contains("Denied organization Northwind AI Labs: purpose General not allowed (allows Benchmarking, Safety evaluation)", general.Shown());
        Assert.Contains("Works through: nothing", general.Shown());
        Assert.Equal([$"Organization {Lab}: purpose General not allowed (allows Benchmarking, Safety evaluation) — {set}"], Layers(general));
        var benchmarks = Why(panel, "northwind-benchmarks");
        Assert.Contains("Allowed within: purposes Benchmarking, Safety evaluation", benchmarks.Shown());
        Assert.Equal([$"Organization {Lab}: restricted: purposes Benchmarking, Safety evaluation — {set}"], Layers(benchmarks));
    }

    [Fact]
    public async Task A_timed_restriction_names_when_it_ends_after_its_effect()
    {
        var until = DateTime.UtcNow.Date.AddDays(10).AddHours(9);
        var set = await ChangeAsync(lab, v => ChangeRequests.Restrict(lab, v, new Restriction { RequestsPerMinute = 60 })
            with { ReasonCode = StandardReasonCodes.CompetingProduct, Until = until });

        var panel = Render();

        Assert.Equal([$"Organization {Lab}: restricted: 60 requests/min (until {until:yyyy-MM-dd HH:mm} UTC) — {set}"], Layers(Why(panel, "northwind-general-prod")));
    }

    [Fact]
    public async Task A_revoked_key_is_denied_by_its_own_layer_and_its_siblings_keep_working()
    {
        var key = await App.Demo.KeyAsync("northwind-research");
        var set = await ChangeAsync(key, v => ChangeRequests.Revoke(key, v) with { ReasonCode = StandardReasonCodes.KeyExposed });

        var panel = Render();

        var research = Why(panel, "northwind-research");
        Assert.Contains("Denied key northwind-research is revoked", research.Shown());
        Assert.Equal([$"Key northwind-research: revoked — {set}"], Layers(research));
        var general = Why(panel, "northwind-general-prod");
        Assert.DoesNotContain("Denied", general.Shown());
        Assert.Contains("Works through: Atelier SDKs, Glide IDE, Loopwright, Vantage Studio", general.Shown());
        Assert.Empty(Layers(general));
    }

    [Fact]
    public async Task A_revoked_integration_is_blocked_for_every_key_and_its_entry_names_the_global_layer()
    {
        var glide = new SubjectRef(SubjectKind.Integration, await App.Demo.IntegrationIdAsync(DemoCatalog.BlockedIde));
        var set = await ChangeAsync(glide, v => ChangeRequests.Revoke(glide, v) with { ReasonCode = StandardReasonCodes.UnauthorizedClient });

        var panel = Render();

        var general = Why(panel, "northwind-general-prod");
        Assert.Contains("Works through: Atelier SDKs, Loopwright, Vantage Studio", general.Shown());
        Assert.Contains("Blocked through Glide IDE: integration Glide IDE is revoked", general.Shown());
        var integration = Why(panel, DemoCatalog.BlockedIde);
        Assert.Matches(@"^Glide IDE: works for 0 of \d+ keys Blocked: integration Glide IDE is revoked", integration.Shown());
        Assert.Contains($"Integration (all customers) Glide IDE: revoked — {set}", Layers(integration));
    }

    [Fact]
    public async Task A_revoked_use_of_one_integration_names_this_organizations_use()
    {
        var use = await App.Demo.Factory.UseAsync(Lab, "Loopwright");
        var set = await ChangeAsync(use, v => ChangeRequests.Revoke(use, v) with { ReasonCode = StandardReasonCodes.UnauthorizedClient });

        var panel = Render();

        Assert.Contains($"Blocked through Loopwright: use of {Lab} through Loopwright is revoked", Why(panel, "northwind-general-prod").Shown());
        var integration = Why(panel, "Loopwright");
        Assert.StartsWith("Loopwright: works for 0 of", integration.Shown());
        Assert.Contains($"This organization's use of {Lab} through Loopwright: revoked — {set}", Layers(integration));
        Assert.Matches(@"^Glide IDE: works for [1-9]\d* of", Why(panel, DemoCatalog.BlockedIde).Shown());
    }

    [Fact]
    public async Task An_expired_key_is_denied_by_its_expiry_with_no_person_behind_it()
    {
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        var expired = await db.ApiKeys.Where(k => k.OrganizationId == lab.Id && k.ExpiresAt < DateTime.UtcNow).OrderBy(k => k.Name).Select(k => k.Name).FirstAsync();

        var panel = Render();

        Assert.Contains("Denied key expired at ", Why(panel, expired).Shown());
        Assert.Equal([$"Key {expired}: expired"], Layers(Why(panel, expired)));
    }

    [Fact]
    public async Task The_panel_works_it_out_again_when_the_page_reloads_after_a_change()
    {
        var panel = Render();
        Assert.DoesNotContain("Denied", Why(panel, "northwind-general-prod").Shown());

        await ChangeAsync(lab, v => ChangeRequests.Revoke(lab, v));
        panel.Render(p => p.Add(w => w.Revision, 1));

        panel.WaitForAssertion(() => Assert.Contains($"Denied organization {Lab} is revoked", Why(panel, "northwind-general-prod").Shown()));
    }

    [Fact]
    public async Task Keys_that_share_an_answer_are_read_once_and_the_keys_with_a_changed_answer_come_first()
    {
        var set = await ChangeAsync(lab, v => ChangeRequests.Restrict(lab, v, new Restriction { Purposes = [KeyPurpose.Benchmarking, KeyPurpose.SafetyEvaluation] })
            with { ReasonCode = StandardReasonCodes.CompetingProduct });

        var panel = Render();

        var general = Why(panel, "northwind-general-prod");
        Assert.Equal(general.GetAttribute("aria-label"), Why(panel, "northwind-research").GetAttribute("aria-label"));
        Assert.Single(panel.FindAll("article"), a => a.QuerySelectorAll("ul[aria-label=Keys] > li").Any(k => k.Shown() == "northwind-research"));
        var order = panel.FindAll("article").Select(a => a.GetAttribute("aria-label")).ToList();
        Assert.True(order.IndexOf(general.GetAttribute("aria-label")) < order.IndexOf(Why(panel, "northwind-benchmarks").GetAttribute("aria-label")));
        Assert.Contains("Terms — competing product", general.Shown());
        Assert.DoesNotContain(StandardReasonCodes.CompetingProduct, general.Shown());
        Assert.Equal("Terms — competing product", general.QuerySelector($"[title='{StandardReasonCodes.CompetingProduct}']")!.Shown());
        Assert.EndsWith(set[set.LastIndexOf('#')..], Layers(general)[0]);
    }

    private IRenderedComponent<WhyPanel> Render()
    {
        var panel = App.Render<WhyPanel>(p => p.Add(w => w.OrganizationId, lab.Id));
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("ul[aria-label=Keys] > li")));
        return panel;
    }

    /// <summary>The answer about a key (the group of keys that share it lists the key) or about an integration.</summary>
    private static IElement Why(IRenderedComponent<WhyPanel> panel, string name) =>
        panel.HasNamed($"Why: {name}")
            ? panel.Named($"Why: {name}")
            : Assert.Single(panel.FindAll("article"), a => a.QuerySelectorAll("ul[aria-label=Keys] > li").Any(k => k.Shown() == name));

    private static List<string> Layers(IElement explanation) =>
        explanation.QuerySelectorAll("ul[aria-label='Decided by'] > li").Select(l => l.Shown()).ToList();

    /// <summary>Makes a change as an account manager; answers how the panel must credit it.</summary>
    private async Task<string> ChangeAsync(SubjectRef subject, Func<int, AccessChangeRequest> request)
    {
        var result = await App.Demo.ChangesBy("Alex Manager").ChangeAsync(request(await App.Demo.VersionAsync(subject)));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        var changed = await App.Demo.ReadAsync(subject);
        var label = (await App.Demo.Contexts.CreateDbContextAsync()).ReasonCodes.Single(r => r.Code == changed.AccessReasonCode).Label;
        return $"reason {label}, by Alex Manager on {changed.AccessChangedAt:yyyy-MM-dd HH:mm} UTC, audit event #{result.AuditSequence}";
    }
}
