using AccessConsole.Web.Integrations;
using AccessConsole.Web.Organizations;

namespace AccessConsole.Web.DemoData;

/// <summary>The fixed, fictional cast of the demo: the organizations and integrations the scenarios need.</summary>
public static class DemoCatalog
{
    public sealed record IntegrationSeed(string Name, IntegrationKind Kind, bool IsFirstParty, string[] ClientIds, string? VendorName = null);

    public sealed record OrganizationSeed(string Name, Tier Tier, string[] Tags, string Domain, string AccountManager);

    // Scenario 1: a rival lab that built and benchmarked a competing model; its evaluation keys must keep working.
    public const string RivalLab = "Northwind AI Labs";
    // Scenario 2: a rival whose staff reach the models through a third-party IDE.
    public const string IdeRival = "Helix Intelligence";
    public const string BlockedIde = "Glide IDE";
    // Scenario 3: a coding-tool vendor rumoured to be bought by a rival.
    public const string AcquiredVendor = "Slipstream Tools";
    // Scenario 4: third-party harnesses that use subscription OAuth tokens.
    public const string Harness = "OpenHarness";
    public const string HarnessUser = "Pinecrest Studios";
    // Scenario 6: an organization revoked for non-payment, then the dispute is resolved.
    public const string DisputedOrganization = "Meridian Analytics";
    // Scenario 7: a customer whose key stopped working.
    public const string StoppedKeyOrganization = "Kestrel Robotics";

    public static IReadOnlyList<IntegrationSeed> Integrations { get; } =
    [
        new("Atelier CLI", IntegrationKind.FirstPartyClient, true, ["atelier-cli"]),
        new("Atelier Desktop", IntegrationKind.FirstPartyClient, true, ["atelier-desktop"]),
        new("Atelier Web", IntegrationKind.FirstPartyClient, true, ["atelier-web"]),
        new("Atelier SDKs", IntegrationKind.FirstPartyClient, true, ["sdk-python", "sdk-typescript", "sdk-java"]),
        new(BlockedIde, IntegrationKind.Ide, false, ["glide-ide"], "Glide Software"),
        new("Slipstream Editor", IntegrationKind.Ide, false, ["slipstream-editor"], AcquiredVendor),
        new("Tessellate Code", IntegrationKind.Ide, false, ["tessellate"]),
        new("Vantage Studio", IntegrationKind.Ide, false, ["vantage-studio"]),
        new(Harness, IntegrationKind.CodingAgent, false, ["openharness"]),
        new("Loopwright", IntegrationKind.CodingAgent, false, ["loopwright"]),
        new("Ferrous Agent", IntegrationKind.CodingAgent, false, ["ferrous-agent"]),
        new("Autocrew", IntegrationKind.CodingAgent, false, ["autocrew"]),
        new("Nimbus AI Platform", IntegrationKind.Platform, false, ["nimbus-platform"]),
        new("Stratus Gateway", IntegrationKind.Platform, false, ["stratus-gw"]),
        new("RelayHub", IntegrationKind.Platform, false, ["relayhub"]),
    ];

    public static IReadOnlyList<OrganizationSeed> ScenarioOrganizations { get; } =
    [
        new(RivalLab, Tier.Enterprise, ["competitor", "ai-lab"], "northwind-ai.example", "Dana Whitfield"),
        new(IdeRival, Tier.Enterprise, ["competitor", "ai-lab"], "helix-intel.example", "Dana Whitfield"),
        new("Quantaform Research", Tier.Scale, ["competitor", "ai-lab"], "quantaform.example", "Marcus Osei"),
        new("Borealis Machine Learning", Tier.Scale, ["competitor"], "borealis-ml.example", "Marcus Osei"),
        new(AcquiredVendor, Tier.Scale, ["ide-vendor"], "slipstream.example", "Priya Raman"),
        new("Glide Software", Tier.Build, ["ide-vendor"], "glide.example", "Priya Raman"),
        new(HarnessUser, Tier.Build, [], "pinecrest.example", "Priya Raman"),
        new(DisputedOrganization, Tier.Scale, [], "meridian-analytics.example", "Marcus Osei"),
        new(StoppedKeyOrganization, Tier.Build, [], "kestrel-robotics.example", "Dana Whitfield"),
        new("Ledgerline Resale", Tier.Scale, ["reseller"], "ledgerline.example", "Marcus Osei"),
    ];

    /// <summary>Free- and Build-tier organizations whose usage runs around the clock (scenario 5).</summary>
    public static IReadOnlyList<OrganizationSeed> HeavyUsers { get; } =
    [
        new("Nightowl Automation", Tier.Free, [], "nightowl.example", "Priya Raman"),
        new("Perpetua Bots", Tier.Build, [], "perpetua.example", "Priya Raman"),
        new("Insomnia Labs", Tier.Free, [], "insomnia-labs.example", "Dana Whitfield"),
        new("Roundclock Data", Tier.Build, [], "roundclock.example", "Marcus Osei"),
        new("Evergrind Software", Tier.Build, [], "evergrind.example", "Dana Whitfield"),
    ];

    internal static readonly string[] NameFirst =
    [
        "Amber", "Blue", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Indigo", "Juniper", "Kinetic", "Lumen",
        "Maple", "Nova", "Orchid", "Prairie", "Quartz", "River", "Summit", "Tidal", "Umber", "Vertex", "Willow", "Zenith",
    ];

    internal static readonly string[] NameSecond =
    [
        "Analytics", "Health", "Logistics", "Finance", "Learning", "Media", "Legal", "Retail", "Energy", "Travel",
        "Insurance", "Games", "Security", "Biotech", "Software", "Labs", "Systems", "Works", "Cloud", "Data",
    ];

    internal static readonly string[] Managers = ["Dana Whitfield", "Marcus Osei", "Priya Raman", "Tomás Lindqvist", "Aiko Brennan"];
}
