using Microsoft.Playwright;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>Choosing in a list box the page draws itself (a combo box that opens a list of options), as a person does.</summary>
public static class ListBoxes
{
    /// <summary>Opens the combo box named <paramref name="label"/> and presses the option that reads <paramref name="option"/>.</summary>
    public static Task PickOptionAsync(this IPage page, string label, string option) =>
        page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true }).PickOptionAsync(option);

    /// <summary>Opens <paramref name="comboBox"/> and presses the option that reads <paramref name="option"/>; the list
    /// opens at the page's root, outside any dialog the combo box sits in.</summary>
    public static async Task PickOptionAsync(this ILocator comboBox, string option)
    {
        var page = comboBox.Page;
        await comboBox.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Listbox).WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }
}
