using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// Finding what a person finds in fields whose label wraps the control (check boxes and radio buttons) and in list
/// boxes that open a list of options on press (a select drawn by the page rather than the browser's own).
/// </summary>
public static partial class Accessible
{
    /// <summary>The check box or radio button inside the label that reads <paramref name="label"/>.</summary>
    public static IElement WrappedBy<T>(this IRenderedComponent<T> cut, string label) where T : IComponent =>
        Assert.Single(cut.FindAll("label").Where(l => l.Shown() == label).Select(l => l.QuerySelector("input")).OfType<IElement>());

    /// <summary>Chooses the radio button a label names, as a click does.</summary>
    public static void ChooseRadio<T>(this IRenderedComponent<T> cut, string label) where T : IComponent => cut.WrappedBy(label).Click();

    /// <summary>Opens the list box a combo box of that name controls and gives the options it offers, in order.</summary>
    public static IReadOnlyList<string> OpenOptions<T>(this IRenderedComponent<T> cut, string comboBox) where T : IComponent
    {
        var box = Assert.Single(cut.FindAll("[role=combobox]"), c => c.Name() == comboBox);
        var pressable = box;
        while (!pressable.HasAttribute("blazor:onmousedown") && !pressable.HasAttribute("blazor:onclick")) pressable = pressable.ParentElement!;
        if (pressable.HasAttribute("blazor:onmousedown")) pressable.MouseDown();
        else pressable.Click();
        return cut.FindAll("[role=listbox] [role=option]").Select(o => o.Shown()).ToList();
    }

    /// <summary>Opens the combo box of that name and presses the option that reads <paramref name="option"/>.</summary>
    public static void PickOption<T>(this IRenderedComponent<T> cut, string comboBox, string option) where T : IComponent
    {
        cut.OpenOptions(comboBox);
        // The options appear in a popup rendered elsewhere on the page, once the press has been handled.
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[role=listbox] [role=option]"), o => o.Shown() == option));
        Assert.Single(cut.FindAll("[role=listbox] [role=option]"), o => o.Shown() == option).Click();
    }

    /// <summary>What a combo box shows as its value: its field's value, or else its text.</summary>
    public static string ShownValue<T>(this IRenderedComponent<T> cut, string comboBox) where T : IComponent
    {
        var box = Assert.Single(cut.FindAll("[role=combobox]"), c => c.Name() == comboBox);
        return box.GetAttribute("value") ?? box.Shown();
    }
}
