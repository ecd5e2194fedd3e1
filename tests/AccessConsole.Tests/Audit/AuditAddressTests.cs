using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AccessConsole.Tests.Audit;

/// <summary>Every filter, the order and the open event make the address, and an address gives them back.</summary>
public sealed class AuditAddressTests() : ConsoleComponentTests("Lee Legal", Roles.Legal)
{
    [Fact]
    public async Task Every_filter_in_an_address_shows_in_its_control_and_a_change_keeps_the_others()
    {
        var meridian = await App.Demo.OrganizationAsync(DemoCatalog.DisputedOrganization);
        var events = await App.Demo.AllEventsAsync();
        var actor = events.First(e => e.OrganizationId == meridian.Id);
        var address = $"/audit?organization={meridian.Id}&actor={Uri.EscapeDataString(actor.ActorId)}&action=access.revoke&reason=non-payment"
            + $"&subject={meridian.Id}&from=2020-01-01&to=2030-12-31";
        var view = AuditPageView.Open(App, address);

        Assert.Equal((DemoCatalog.DisputedOrganization, actor.ActorName), (view.Page.Showing("Organization"), view.Page.Showing("Actor")));
        Assert.Equal(("Revoked", "Non-payment"), (view.Page.Showing("Action"), view.Page.Showing("Reason")));
        Assert.Equal(meridian.Id.ToString(), view.Page.Labelled("Subject id").GetAttribute("value"));
        Assert.Equal(("2020-01-01", "2030-12-31"), (view.Page.Labelled("From (UTC)").GetAttribute("value"), view.Page.Labelled("To (UTC)").GetAttribute("value")));

        view.Page.Labelled("To (UTC)").Type("2029-06-30");

        Assert.Equal(address.Replace("to=2030-12-31", "to=2029-06-30"), view.Address);
    }

    [Fact]
    public async Task The_page_title_names_the_organization_searched_for()
    {
        var meridian = await App.Demo.OrganizationAsync(DemoCatalog.DisputedOrganization);

        var view = AuditPageView.Open(App, "/audit");
        Assert.Equal("Audit log · AccessConsole", Title(view));

        view.Navigation.NavigateTo($"/audit?organization={meridian.Id}");

        view.Page.WaitForAssertion(() => Assert.Equal($"{DemoCatalog.DisputedOrganization} · Audit log · AccessConsole", Title(view)));
    }

    [Fact]
    public async Task Oldest_first_lists_the_log_from_its_start_and_its_pager_keeps_the_order()
    {
        await App.Demo.Factory.RevokeKeysAsync(AuditSearchService.PageSize + 10);
        var view = AuditPageView.Open(App, "/audit");

        view.Page.PressAndChoose("Order", "Oldest first");

        Assert.Equal("/audit?after=0&order=oldest", view.Address);
        view.Page.WaitForAssertion(() => Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), view.Sequences));
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Oldest"] = null, ["Older"] = null, ["Newer"] = "/audit?after=50&order=oldest", ["Newest"] = "/audit?order=oldest",
        }, view.Pager);
        Assert.Equal("Oldest first", view.Page.Showing("Order"));
    }

    [Theory]
    [InlineData("/audit?organization=x&event=3&order=oldest", "'organization' must be an organization id (a GUID), not 'x'.")]
    [InlineData("/audit?order=sideways", "'order' must be 'oldest' or 'newest'.")]
    [InlineData("/audit?event=0", "'event' must be a sequence number, not '0'.")]
    public void A_bad_address_says_what_is_wrong(string url, string error) =>
        Assert.Contains(error, AuditAddress.Parse(url).Search.Errors);

    [Fact]
    public void An_address_round_trips_its_search_order_and_event()
    {
        var read = AuditAddress.Parse("/audit?action=access.lift&reason=capacity&before=90&order=oldest&event=12");

        Assert.Equal((true, 12L, new AuditCursor(Before: 90)), (read.OldestFirst, read.Event, read.Search.Cursor));
        Assert.Equal("/audit?action=access.lift&reason=capacity&before=90&order=oldest&event=7", read.WithEvent(7));
        Assert.Equal("/audit?action=access.lift&reason=capacity&before=90&order=oldest", read.WithEvent(null));
        Assert.Equal("/audit?action=access.lift&order=oldest", read.WithFilter(read.Filter with { ReasonCode = null }));
        Assert.Equal("/audit?action=access.lift&reason=capacity", read.WithOrder(false));
    }

    private string Title(AuditPageView view)
    {
        var title = view.Page.FindComponent<Microsoft.AspNetCore.Components.Web.PageTitle>();
        return App.Render(title.Instance.ChildContent!).Markup.Trim();
    }
}
