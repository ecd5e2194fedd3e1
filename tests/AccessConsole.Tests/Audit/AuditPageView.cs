using System.Text.RegularExpressions;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Audit;

/// <summary>The audit page opened at an address, as a person reads it: the address, the events listed, the pager's links.</summary>
internal sealed partial class AuditPageView
{
    private AuditPageView(IRenderedComponent<UiComponents.WithDialogs> page, NavigationManager navigation) => (Page, Navigation) = (page, navigation);

    /// <summary>The page beside the library's popover host, where its lists and menus open.</summary>
    public IRenderedComponent<UiComponents.WithDialogs> Page { get; }

    public NavigationManager Navigation { get; }

    /// <summary>The address, from its path on.</summary>
    public string Address => "/" + Navigation.ToBaseRelativePath(Navigation.Uri);

    public static AuditPageView Open(ConsoleComponents app, string address)
    {
        var navigation = app.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(address);
        var view = new AuditPageView(app.RenderWithDialogs<AuditPage>(_ => { }), navigation);
        view.Page.WaitForAssertion(() => Assert.True(view.Page.HasNamed("Audit pages") || view.Page.HasNamed("Audit filters")));
        return view;
    }

    /// <summary>The sequence numbers of the events listed, as their links name them.</summary>
    public IReadOnlyList<long> Sequences => Page.FindAll("a[href]").Select(a => a.Name())
        .Select(name => OpenEvent().Match(name)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value)).ToList();

    /// <summary>Each pager link by its text: where it leads, or null when there is no such page.</summary>
    public IReadOnlyDictionary<string, string?> Pager => Page.Named("Audit pages").QuerySelectorAll("a[href], [aria-disabled=true]")
        .ToDictionary(l => l.Shown(), l => l.GetAttribute("href"));

    /// <summary>Follows a pager link and waits for the page it leads to.</summary>
    public void FollowPager(string text)
    {
        var link = Assert.Single(Page.Named("Audit pages").QuerySelectorAll("a[href]"), l => l.Shown() == text);
        var before = Sequences;
        Navigation.Follow(link);
        Page.WaitForAssertion(() => Assert.NotEqual(before, Sequences));
    }

    [GeneratedRegex(@"^Open event (\d+)$")]
    private static partial Regex OpenEvent();
}
