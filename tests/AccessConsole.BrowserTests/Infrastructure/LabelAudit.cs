using Microsoft.Playwright;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>
/// Finds visible labels that name no control. axe accepts any name a control has, so a drop-down that names itself
/// after its value ("Empty") passes axe while its visible label points at a hidden input; this looks from the label's side.
/// </summary>
public static class LabelAudit
{
    private static readonly AriaRole[] ControlRoles =
    [
        AriaRole.Textbox, AriaRole.Searchbox, AriaRole.Combobox, AriaRole.Listbox, AriaRole.Checkbox, AriaRole.Radio,
        AriaRole.Switch, AriaRole.Spinbutton, AriaRole.Slider,
    ];

    public static async Task<IReadOnlyList<string>> LabelsNamingNoControlAsync(IPage page)
    {
        var unnamed = new List<string>();
        foreach (var text in await page.Locator("label:visible").AllInnerTextsAsync())
        {
            var label = text.Trim();
            if (label.Length == 0) continue;
            var controls = ControlRoles
                .Select(role => page.GetByRole(role, new() { Name = label, Exact = true }))
                .Aggregate((all, next) => all.Or(next));
            if (await controls.CountAsync() == 0) unnamed.Add(label);
        }
        return unnamed;
    }
}
