using AccessConsole.Web.Security.Entra;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;

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

    private static async Task<IResult> SignOutAsync(HttpContext context, AuthenticationSettings settings, ILoggerFactory loggers)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (settings.Mode != AuthenticationMode.Entra) return Results.LocalRedirect(AuthenticationSetup.SignedOutPath);

        // Also end the session at the provider, or the next sign-in would pass without a password.
        var entra = context.RequestServices.GetRequiredService<EntraSettings>();
        try
        {
            var metadata = await context.RequestServices.GetRequiredService<ProviderMetadataSource>().GetAsync(context.RequestAborted);
            if (metadata.EndSessionEndpoint is null) return Results.LocalRedirect(AuthenticationSetup.SignedOutPath);
            var signedOut = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{AuthenticationSetup.SignedOutPath}";
            var url = QueryHelpers.AddQueryString(metadata.EndSessionEndpoint, new Dictionary<string, string?>
            {
                ["client_id"] = entra.ClientId,
                ["post_logout_redirect_uri"] = signedOut,
            });
            return Results.Redirect(url);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
        {
            loggers.CreateLogger(typeof(SignOutEndpoint)).LogWarning("Signed out here, but the identity provider could not be reached to end its session: {Error}", error.GetType().Name);
            return Results.LocalRedirect(AuthenticationSetup.SignedOutPath);
        }
    }
}
