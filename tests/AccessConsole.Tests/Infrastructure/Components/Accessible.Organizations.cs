using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AccessConsole.Tests.Infrastructure;

public static partial class Accessible
{
    /// <summary>A check box by the text of the label that holds it (a label wrapping its input has no <c>for</c>).</summary>
    public static IElement CheckBox<T>(this IRenderedComponent<T> cut, string label) where T : IComponent =>
        Assert.Single(cut.FindAll("label").Where(l => l.Shown() == label).SelectMany(l => l.QuerySelectorAll("input[type=checkbox]")));

    /// <summary>The column headers of a table by its accessible name, as a person reads them.</summary>
    public static IReadOnlyList<string> ColumnHeaders<T>(this IRenderedComponent<T> cut, string table) where T : IComponent =>
        Table(cut, table).QuerySelectorAll("thead th").Select(h => h.Shown()).ToList();

    /// <summary>The body rows of a table by its accessible name, each as the text a person reads.</summary>
    public static IReadOnlyList<string> RowTexts<T>(this IRenderedComponent<T> cut, string table) where T : IComponent =>
        Table(cut, table).QuerySelectorAll("tbody tr").Where(r => r.QuerySelectorAll("td:not([colspan])").Length > 0).Select(r => r.Shown()).ToList();

    private static IElement Table<T>(IRenderedComponent<T> cut, string name) where T : IComponent
    {
        var named = Named(cut, name);
        return named.LocalName == "table" ? named : Assert.Single(named.QuerySelectorAll("table"));
    }
}
