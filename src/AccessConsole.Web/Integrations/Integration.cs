using System.ComponentModel.DataAnnotations;
using AccessConsole.Web.Access;

namespace AccessConsole.Web.Integrations;

public enum IntegrationKind
{
    [Display(Name = "First-party client")] FirstPartyClient = 0,
    [Display(Name = "IDE")] Ide = 1,
    CodingAgent = 2,
    Platform = 3,
}

/// <summary>A client through which customers call the API. Its access applies to everyone using it.</summary>
public class Integration : AccessSubject
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public IntegrationKind Kind { get; set; }
    public bool IsFirstParty { get; set; }

    /// <summary>The client identifiers the gateway sees for this integration.</summary>
    public List<string> ClientIdentifiers { get; set; } = [];

    /// <summary>The customer organization that makes this integration, if any.</summary>
    public Guid? VendorOrganizationId { get; set; }
}

/// <summary>One organization's use of one integration.</summary>
public class OrganizationIntegration : AccessSubject
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid IntegrationId { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }

    /// <summary>Requests in the last 30 days through this integration.</summary>
    public long RecentRequests { get; set; }
}
