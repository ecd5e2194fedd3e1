using AccessConsole.Web.Access;

namespace AccessConsole.Web.ApiKeys;

/// <summary>An API key. The secret is never stored: only its display prefix, last four and SHA-256.</summary>
public class ApiKey : AccessSubject
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string DisplayPrefix { get; set; } = "";
    public string LastFour { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the full secret.</summary>
    public string SecretHash { get; set; } = "";

    public KeyPurpose Purpose { get; set; }
    public CredentialKind CredentialKind { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? LastUsedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }

    public string Masked => KeyFormat.Mask(DisplayPrefix, LastFour);
}
