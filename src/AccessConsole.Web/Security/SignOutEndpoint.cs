using AccessConsole.Web.Security.Entra;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AccessConsole.Web.Security;

public static class SignOutEndpoint
{
    public static void MapSignOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AuthenticationSetup.SignOutPath, SignOutAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous() // an expired session may still end the provider's
            .ExcludeFromDescription();
    }

    private static async Task SignOutAsync(HttpContext context, AuthenticationSettings settings, ILoggerFactory loggers)
    {
        // The antiforgery middleware checked the token this endpoint requires; a form posted from another site carries
        // no valid one, and signs nobody out.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This sign-out did not come from a page of AccessConsole, so nobody was signed out. Sign out from the console itself.");
            return;
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (settings.Mode != AuthenticationMode.Entra)
        {
            context.Response.Redirect(AuthenticationSetup.SignedOutPath);
            return;
        }
        try
        {
            // Also ends the session at the provider, or the next sign-in would pass without a password.
            await context.SignOutAsync(EntraSignInSetup.Scheme, new AuthenticationProperties { RedirectUri = AuthenticationSetup.SignedOutPath });
        }
        catch (Exception error) when (SignInFailures.Classify(error) == SignInFailure.Unavailable || error is InvalidOperationException)
        {
            loggers.CreateLogger(typeof(SignOutEndpoint)).LogWarning("Signed out here, but the identity provider could not be reached to end its session: {Error}", error.GetType().Name);
            context.Response.Redirect(AuthenticationSetup.SignedOutPath);
        }
    }
}
