using MudBlazor;

namespace AccessConsole.Web.Layout;

/// <summary>The console's colours in light and dark, and type from the person's own system (no font is fetched).</summary>
public static class ConsoleTheme
{
    private static readonly string[] SystemFonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2f4b9a",
            Secondary = "#00796b",
            Tertiary = "#6a3d9a",
            AppbarBackground = "#1f3370",
            AppbarText = "#ffffff",
            Background = "#f6f7fb",
            DrawerBackground = "#ffffff",
            Success = "#1b6e34",
            Warning = "#8a4b00",
            Error = "#b3261e",
            Info = "#1d5fa8",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        PaletteDark = new PaletteDark
        {
            // Light colours on a dark page: filled buttons and chips take dark text to keep their contrast.
            Primary = "#9fb4ff",
            PrimaryContrastText = "#0b1533",
            SecondaryContrastText = "#06201c",
            TertiaryContrastText = "#1f0f33",
            SuccessContrastText = "#06240f",
            WarningContrastText = "#2e1800",
            ErrorContrastText = "#3b0906",
            InfoContrastText = "#041e38",
            Secondary = "#6fd3c3",
            Tertiary = "#d0b3ff",
            AppbarBackground = "#16203f",
            AppbarText = "#ffffff",
            Background = "#121418",
            Surface = "#1c1f26",
            DrawerBackground = "#1c1f26",
            Success = "#7fd99a",
            Warning = "#ffb86b",
            Error = "#ffb4ab",
            Info = "#9ccaff",
            TextSecondary = "rgba(255,255,255,0.75)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
            H1 = new H1Typography { FontFamily = SystemFonts, FontSize = "1.75rem", FontWeight = "600", LineHeight = "1.3" },
            H2 = new H2Typography { FontFamily = SystemFonts, FontSize = "1.375rem", FontWeight = "600", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = SystemFonts, FontSize = "1.125rem", FontWeight = "600", LineHeight = "1.3" },
            Button = new ButtonTypography { FontFamily = SystemFonts, TextTransform = "none" },
        },
    };
}
