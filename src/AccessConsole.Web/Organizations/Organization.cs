using AccessConsole.Web.Access;

namespace AccessConsole.Web.Organizations;

public enum Tier
{
    Free = 0,
    Build = 1,
    Scale = 2,
    Enterprise = 3,
}

public class Organization : AccessSubject
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Upper-case name, for index-served prefix search on both providers.</summary>
    public string NormalizedName { get; set; } = "";

    public Tier Tier { get; set; }
    public string AccountManager { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public List<OrganizationDomain> Domains { get; set; } = [];
    public List<OrganizationTag> Tags { get; set; } = [];

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}

public class OrganizationDomain
{
    public Guid OrganizationId { get; set; }
    public string Domain { get; set; } = "";
}

/// <summary>A segment label such as <c>competitor</c>, <c>ai-lab</c>, <c>ide-vendor</c>, <c>reseller</c>.</summary>
public class OrganizationTag
{
    public Guid OrganizationId { get; set; }
    public string Tag { get; set; } = "";
}
