using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AccessConsole.Tests.Infrastructure;

public static partial class Accessible
{
    /// <summary>
    /// Chooses an option of a list box a person opens by pressing on it (its options appear in a popup elsewhere on
    /// the page): presses the combo box named so, then clicks the option by the text a person reads.
    /// </summary>
    public static void PickOption<T>(this IRenderedComponent<T> cut, string comboBox, string option) where T : IComponent
    {
        var box = Assert.Single(cut.FindAll("[role=combobox]"), c => c.Name() == comboBox);
        PressOpen(box);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[role=option]"), o => o.Shown() == option));
        Assert.Single(cut.FindAll("[role=option]"), o => o.Shown() == option).Click();
    }

    /// <summary>The option shown in a closed combo box: the text of its field.</summary>
    public static string? ShownValue<T>(this IRenderedComponent<T> cut, string comboBox) where T : IComponent =>
        Assert.Single(cut.FindAll("[role=combobox]"), c => c.Name() == comboBox).GetAttribute("value");

    /// <summary>Presses where the browser would deliver the press: the element itself or the nearest one around it that listens.</summary>
    private static void PressOpen(IElement box)
    {
        for (var element = box; element is not null; element = element.ParentElement)
        {
            if (element.HasAttribute("blazor:onmousedown")) { element.MouseDown(); return; }
            if (element.HasAttribute("blazor:onclick")) { element.Click(); return; }
        }
        throw new InvalidOperationException("Nothing around the combo box answers a press.");
    }
}
