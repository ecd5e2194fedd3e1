using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Template;

namespace AccessConsole.Web.Security;

/// <summary>The roles that may open a page, read from the policy the page declares, to name them when someone may not.</summary>
public static class PageRoles
{
    public static IReadOnlyList<string>? Of(Type pageType) => RolesOf(pageType.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy));

    /// <summary>The roles of the page at a local path, or null when no page there declares a policy.</summary>
    public static IReadOnlyList<string>? AtPath(EndpointDataSource endpoints, string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith('/')) return null;
        var local = path.Split('?', '#')[0];
        // Catch-alls (static files) would match any path; a page's route names its path.
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>().Where(e => !e.RoutePattern.Parameters.Any(p => p.IsCatchAll)))
        {
            var matcher = new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary());
            if (matcher.TryMatch(local, new RouteValueDictionary()))
            {
                return RolesOf(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy));
            }
        }
        return null;
    }

    private static IReadOnlyList<string>? RolesOf(IEnumerable<string?> policies) =>
        policies.FirstOrDefault(p => p is not null && Policies.RolesFor.ContainsKey(p)) is { } policy ? Policies.RolesFor[policy] : null;
}
