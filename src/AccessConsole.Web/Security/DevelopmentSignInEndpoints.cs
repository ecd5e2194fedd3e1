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

    private static async Task<IResult> SignInAsync(HttpContext context, ConsoleSession session, [FromForm] string? name, [FromForm] string? returnUrl)
    {
        var form = await context.Request.ReadFormAsync();
        var displayName = string.IsNullOrWhiteSpace(name) ? "" : name.Trim();
        if (displayName.Length is 0 or > 100)
        {
            return Results.Redirect($"{AuthenticationSetup.DevSignInPath}?error=name");
        }

        var roles = Roles.All.Where(role => form["role"].Contains(role));
        await session.SignInAsync(context, "dev:" + displayName.ToLowerInvariant(), displayName, roles);
        return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }
}
