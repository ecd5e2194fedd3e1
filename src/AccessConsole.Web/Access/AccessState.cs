using System.ComponentModel.DataAnnotations;

namespace AccessConsole.Web.Access;

public enum AccessState
{
    Active = 0,
    Restricted = 1,
    Revoked = 2,
}

/// <summary>What a key is for; a restriction may allow only some purposes.</summary>
public enum KeyPurpose
{
    General = 0,
    Benchmarking = 1,
    SafetyEvaluation = 2,
}

public enum CredentialKind
{
    [Display(Name = "API key")] ApiKey = 0,
    [Display(Name = "Subscription OAuth")] SubscriptionOAuth = 1,
}

/// <summary>The four kinds of subject that carry access, and the platform rules above them all.</summary>
public enum SubjectKind
{
    Organization = 0,
    ApiKey = 1,
    Integration = 2,
    OrganizationIntegration = 3,
    PlatformRule = 4,
}
