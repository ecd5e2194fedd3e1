using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AccessConsole.Web.Security;

/// <summary>
/// The signed-in session, whichever sign-in made it: who, which roles, and until when. The end is fixed at sign-in
/// (no sliding), so a role removed at the provider stops working at the next sign-in, at most one lifetime later.
/// </summary>
public sealed class ConsoleSession(AuthenticationSettings settings, TimeProvider time)
{
    /// <summary>The session's end (Unix seconds), also inside the principal, so that an open circuit can see it.</summary>
    public const string ExpiresClaim = "accessconsole:session_expires";

    public (ClaimsPrincipal Principal, AuthenticationProperties Properties) Create(string id, string name, IEnumerable<string> roles)
    {
        var issued = time.GetUtcNow();
        var expires = issued + settings.SessionLifetime;
        var claims = new List<Claim>
        {
            new(Actor.ObjectIdClaim, id),
            new(ClaimTypes.NameIdentifier, id),
            new(ClaimTypes.Name, name),
            new(ExpiresClaim, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(roles.Where(Roles.All.Contains).Distinct().Select(role => new Claim(ClaimTypes.Role, role)));
        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        var properties = new AuthenticationProperties { IssuedUtc = issued, ExpiresUtc = expires, AllowRefresh = false };
        return (new ClaimsPrincipal(identity), properties);
    }

    public Task SignInAsync(HttpContext context, string id, string name, IEnumerable<string> roles)
    {
        var (principal, properties) = Create(id, name, roles);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
    }

    /// <summary>Whether the session the principal carries has not yet ended; a principal without an end has none.</summary>
    public bool IsCurrent(ClaimsPrincipal user)
    {
        var value = user.FindFirstValue(ExpiresClaim);
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && time.GetUtcNow() < DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
