using Microsoft.AspNetCore.Authorization;

namespace AccessConsole.Web.Security;

/// <summary>The Entra app roles the console knows; a person's roles decide what they may do.</summary>
public static class Roles
{
    public const string Support = "Support";
    public const string Legal = "Legal";
    public const string AccountManager = "AccountManager";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Support, Legal, AccountManager, Admin];
}

/// <summary>The authorization policies, built from the roles, in one place.</summary>
public static class Policies
{
    /// <summary>See organizations, keys (masked), integrations, access and timelines.</summary>
    public const string ViewCustomers = nameof(ViewCustomers);

    /// <summary>Search, export and verify the whole audit log.</summary>
    public const string ReadAudit = nameof(ReadAudit);

    /// <summary>Revoke, restrict and restore access.</summary>
    public const string ChangeAccess = nameof(ChangeAccess);

    /// <summary>Reference data and gateway credentials.</summary>
    public const string Administer = nameof(Administer);

    public static IReadOnlyDictionary<string, string[]> RolesFor { get; } = new Dictionary<string, string[]>
    {
        [ViewCustomers] = [Roles.Support, Roles.Legal, Roles.AccountManager, Roles.Admin],
        [ReadAudit] = [Roles.Legal, Roles.Admin],
        [ChangeAccess] = [Roles.AccountManager, Roles.Admin],
        [Administer] = [Roles.Admin],
    };

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in RolesFor)
        {
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
