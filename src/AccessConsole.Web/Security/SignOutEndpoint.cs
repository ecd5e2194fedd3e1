using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AccessConsole.Web.Security;

public static class SignOutEndpoint
{
    public static void MapSignOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AuthenticationSetup.SignOutPath, async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();
    }
}
