namespace AccessConsole.Web.DemoData;

/// <summary>Size and seed of a generated data set. The defaults make the demo; larger values make benchmark data.</summary>
public sealed record DemoDataOptions
{
    public int Organizations { get; init; } = 200;
    public int Keys { get; init; } = 2000;
    public int Days { get; init; } = 90;
    public int Seed { get; init; } = 20261121;

    /// <summary>Organization-integration pairs to make exactly; when absent, one to four for each organization.</summary>
    public int? IntegrationUses { get; init; }

    /// <summary>Synthetic, hash-chained audit events written before the scenarios' history (benchmark data).</summary>
    public int AuditEvents { get; init; }

    /// <summary>
    /// The share of key-days with traffic; when absent, the demo's 65% for demo-sized sets and 5% for large ones,
    /// where a row for most of a million keys' days would be neither realistic nor quick to load.
    /// </summary>
    public double? UsageDensity { get; init; }

    public const int LargeKeyCount = 100_000;

    /// <summary>The share of ordinary key-days without traffic.</summary>
    public double IdleShare => UsageDensity is { } density ? 1 - density : Keys < LargeKeyCount ? 0.35 : 0.95;

    /// <summary>Run the scenarios' past access changes through the access service.</summary>
    public bool History { get; init; } = true;

    public IEnumerable<string> Validate()
    {
        if (Organizations < DemoCatalog.ScenarioOrganizations.Count) yield return $"organizations must be at least {DemoCatalog.ScenarioOrganizations.Count}";
        if (Keys < Organizations) yield return "keys must be at least the number of organizations";
        if (IntegrationUses is { } uses && (uses < Organizations || uses > (long)Organizations * DemoCatalog.Integrations.Count))
            yield return $"integration uses must be between the number of organizations and {DemoCatalog.Integrations.Count} for each organization";
        if (Days is < 7 or > 3650) yield return "days must be between 7 and 3650";
        if (AuditEvents < 0) yield return "audit events must not be negative";
        if (UsageDensity is <= 0 or > 1) yield return "usage density must be above 0 and at most 1";
    }
}
