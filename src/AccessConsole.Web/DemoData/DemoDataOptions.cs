namespace AccessConsole.Web.DemoData;

/// <summary>Size and seed of a generated data set. The defaults make the demo; larger values make benchmark data.</summary>
public sealed record DemoDataOptions
{
    public int Organizations { get; init; } = 200;
    public int Keys { get; init; } = 2000;
    public int Days { get; init; } = 90;
    public int Seed { get; init; } = 20261121;

    /// <summary>Run the scenarios' past access changes through the access service.</summary>
    public bool History { get; init; } = true;

    public IEnumerable<string> Validate()
    {
        if (Organizations < DemoCatalog.ScenarioOrganizations.Count) yield return $"organizations must be at least {DemoCatalog.ScenarioOrganizations.Count}";
        if (Keys < Organizations) yield return "keys must be at least the number of organizations";
        if (Days is < 7 or > 3650) yield return "days must be between 7 and 3650";
    }
}
