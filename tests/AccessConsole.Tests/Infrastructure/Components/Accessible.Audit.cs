using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>Combo boxes that open their list on a press and may be named by a visible label rather than an aria-label.</summary>
public static partial class Accessible
{
    /// <summary>A combo box by its accessible name: its aria-label, or the label that names it.</summary>
    public static IElement ComboBox<T>(this IRenderedComponent<T> cut, string name) where T : IComponent
    {
        var labelled = cut.FindAll("label[for]").Where(l => l.Shown() == name).Select(l => l.GetAttribute("for")).ToHashSet();
        return Assert.Single(cut.FindAll("[role=combobox]"), c => c.Name() == name || labelled.Contains(c.Id));
    }

    /// <summary>
    /// Opens a combo box as a press of the pointer does (typing <paramref name="typed"/> first, for a box that searches),
    /// and chooses the option that reads <paramref name="option"/>.
    /// </summary>
    public static void PressAndChoose<T>(this IRenderedComponent<T> cut, string comboBox, string option, string? typed = null) where T : IComponent
    {
        var box = cut.ComboBox(comboBox);
        if (typed is not null) box.Input(typed);
        else box.MouseDown();
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[role=option]"), o => o.Shown() == option));
        Assert.Single(cut.FindAll("[role=option]"), o => o.Shown() == option).Click();
    }

    /// <summary>The text a combo box shows as its value (null: none).</summary>
    public static string? Showing<T>(this IRenderedComponent<T> cut, string comboBox) where T : IComponent =>
        cut.ComboBox(comboBox).GetAttribute("value") is { Length: > 0 } value ? value : null;
}
