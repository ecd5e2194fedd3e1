using System.Security.Claims;

namespace AccessConsole.Web.Security;

/// <summary>The person (or the system) on whose behalf a service acts.</summary>
public sealed record Actor(string Id, string Name, IReadOnlyList<string> Roles)
{
    public const string ObjectIdClaim = "oid";

    public static Actor System { get; } = new("system", "system", []);

    public static Actor Anonymous { get; } = new("", "anonymous", []);

    public bool IsAuthenticated => Id.Length > 0;

    public bool May(string policy) => Policies.RolesFor[policy].Any(Roles.Contains);

    /// <summary>Guard clause for services: refuses unless the actor holds a role of the policy.</summary>
    public void Require(string policy)
    {
        if (!May(policy))
        {
            throw new ForbiddenException($"{Name} may not do this: it needs one of the roles {string.Join(", ", Policies.RolesFor[policy])}.");
        }
    }

    public static Actor From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Anonymous;
        var id = user.FindFirstValue(ObjectIdClaim) ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity.Name ?? "";
        var name = user.Identity.Name ?? id;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(Security.Roles.All.Contains).Distinct().ToArray();
        return new Actor(id, name, roles);
    }
}

public sealed class ForbiddenException(string message) : Exception(message);
