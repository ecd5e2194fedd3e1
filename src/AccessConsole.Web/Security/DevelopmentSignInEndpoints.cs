using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace AccessConsole.Web.Security;

/// <summary>
/// Development sign-in: anyone may pick a name and roles. Mapped only when the mode is Development, which
/// start-up refuses outside the Development environment.
/// </summary>
public static class DevelopmentSignInEndpoints
{
    public static void MapDevelopmentSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AuthenticationSetup.DevSignInPath, SignInAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> SignInAsync(HttpContext context, [FromForm] string? name, [FromForm] string? returnUrl)
    {
        var form = await context.Request.ReadFormAsync();
        var displayName = string.IsNullOrWhiteSpace(name) ? "" : name.Trim();
        if (displayName.Length is 0 or > 100)
        {
            return Results.Redirect($"{AuthenticationSetup.DevSignInPath}?error=name");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "dev:" + displayName.ToLowerInvariant()),
            new(ClaimTypes.Name, displayName),
        };
        claims.AddRange(Roles.All.Where(role => form["role"].Contains(role)).Select(role => new Claim(ClaimTypes.Role, role)));
        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
