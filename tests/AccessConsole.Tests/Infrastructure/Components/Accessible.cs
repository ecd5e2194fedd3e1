using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// Finds what a person finds: a field by its label, a button or link by its name, a message at its field. Nothing here
/// depends on a UI library's markup or classes.
/// </summary>
public static partial class Accessible
{
    /// <summary>The text a person reads: whitespace collapsed, and nothing hidden from assistive technology.</summary>
    public static string Shown(this INode node)
    {
        var text = new StringBuilder();
        Collect(node, text);
        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    /// <summary>All the text a rendered component shows.</summary>
    public static string Shown<T>(this IRenderedComponent<T> cut) where T : IComponent =>
        string.Join(" ", cut.Nodes.Select(n => n.Shown()).Where(t => t.Length > 0));

    /// <summary>The accessible name: the aria-label, the element inside it that labels it (a dialog's title), or else the text.</summary>
    public static string Name(this IElement element)
    {
        if (element.GetAttribute("aria-label") is { } label) return label;
        if (element.GetAttribute("aria-labelledby") is { } id && element.QuerySelectorAll("[id]").FirstOrDefault(e => e.Id == id) is { } title)
        {
            return title.Shown();
        }
        return element.Shown();
    }

    /// <summary>The control a label names (through its <c>for</c>), or the one whose aria-label is the text.</summary>
    public static IElement Labelled<T>(this IRenderedComponent<T> cut, string label) where T : IComponent
    {
        var ids = cut.FindAll("label[for]").Where(l => l.Shown() == label).Select(l => l.GetAttribute("for")).ToList();
        return Assert.Single(ids.Count > 0 ? cut.FindAll("[id]").Where(e => ids.Contains(e.Id)) : AllNamed(cut, label));
    }

    public static IElement Button<T>(this IRenderedComponent<T> cut, string name) where T : IComponent =>
        Assert.Single(cut.FindAll("button"), b => b.Name() == name);

    public static IReadOnlyList<string> ButtonNames<T>(this IRenderedComponent<T> cut) where T : IComponent =>
        cut.FindAll("button").Select(b => b.Name()).ToList();

    public static IElement Link<T>(this IRenderedComponent<T> cut, string name) where T : IComponent =>
        Assert.Single(cut.FindAll("a[href]"), a => a.Name() == name);

    /// <summary>The element a region, article, form or other landmark is named by.</summary>
    public static IElement Named<T>(this IRenderedComponent<T> cut, string name) where T : IComponent =>
        Assert.Single(AllNamed(cut, name));

    public static bool HasNamed<T>(this IRenderedComponent<T> cut, string name) where T : IComponent => AllNamed(cut, name).Any();

    /// <summary>Opens a combo box by its name and chooses one of its options by the text a person reads.</summary>
    public static void Choose<T>(this IRenderedComponent<T> cut, string comboBox, string option) where T : IComponent
    {
        Assert.Single(cut.FindAll("[role=combobox]"), c => c.Name() == comboBox).Click();
        Assert.Single(cut.FindAll("[role=option]"), o => o.Name() == option).Click();
    }

    /// <summary>The option a combo box shows as chosen (null: none).</summary>
    public static string? Chosen<T>(this IRenderedComponent<T> cut, string comboBox) where T : IComponent
    {
        var box = Assert.Single(cut.FindAll("[role=combobox]"), c => c.Name() == comboBox);
        var list = box.GetAttribute("aria-controls") is { } id ? cut.FindAll("[id]").Single(e => e.Id == id) : box;
        return list.QuerySelectorAll("[role=option][aria-selected=true]").SingleOrDefault()?.Name();
    }

    /// <summary>The titles of the dialogs open.</summary>
    public static IReadOnlyList<string> DialogTitles<T>(this IRenderedComponent<T> cut) where T : IComponent =>
        cut.FindAll("[role=dialog]").Select(d => d.Name()).ToList();

    /// <summary>The message the app shows at a field (null when it shows none).</summary>
    public static string? MessageAt<T>(this IRenderedComponent<T> cut, string field) where T : IComponent =>
        cut.FindAll("[role=alert][data-field]").SingleOrDefault(m => m.GetAttribute("data-field") == field)?.Shown();

    /// <summary>Every field message shown, by field.</summary>
    public static IReadOnlyDictionary<string, string> Messages<T>(this IRenderedComponent<T> cut) where T : IComponent =>
        cut.FindAll("[role=alert][data-field]").ToDictionary(m => m.GetAttribute("data-field")!, m => m.Shown());

    /// <summary>Types into a field as a browser reports it: an input event as the text changes, a change event on leaving.</summary>
    public static void Type(this IElement field, string text)
    {
        if (field.HasAttribute("blazor:oninput")) field.Input(text);
        if (field.HasAttribute("blazor:onchange")) field.Change(text);
    }

    /// <summary>Chooses the option of a list box by the text a person reads.</summary>
    public static void Pick(this IElement select, string optionText) =>
        select.Change(Assert.Single(select.QuerySelectorAll("option"), o => o.Shown() == optionText).GetAttribute("value") ?? "");

    /// <summary>Ticks or unticks a check box, or chooses a radio button.</summary>
    public static void Tick(this IElement box, bool on = true) => box.Change(on);

    public static bool IsChecked(this IElement box) => box.HasAttribute("checked");

    public static bool IsDisabled(this IElement control) =>
        control.HasAttribute("disabled") || control.GetAttribute("aria-disabled") == "true";

    /// <summary>
    /// Follows a link as the browser does in a Blazor app: its script turns the click into a navigation of the
    /// app's router, which bUnit, running no script, is told directly.
    /// </summary>
    public static void Follow(this NavigationManager navigation, IElement link) => navigation.NavigateTo(link.GetAttribute("href")!);

    private static IEnumerable<IElement> AllNamed<T>(IRenderedComponent<T> cut, string name) where T : IComponent =>
        cut.FindAll("[aria-label]").Where(e => e.LocalName != "label" && e.GetAttribute("aria-label") == name);

    private static void Collect(INode node, StringBuilder text)
    {
        if (node is IElement element && element.GetAttribute("aria-hidden") == "true") return;
        if (node.NodeType == NodeType.Text) text.Append(node.TextContent);
        foreach (var child in node.ChildNodes) Collect(child, text);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
