using Microsoft.AspNetCore.Authentication;

namespace AccessConsole.Web.Security.Entra;

public static class EntraEndpoints
{
    public const string StartPath = "/account/signin/entra";

    /// <summary>Starts a sign-in at the provider; the library's handler answers the callback itself.</summary>
    public static void MapEntraSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StartPath, async (HttpContext context, string? returnUrl, ILogger<EntraSettings> logger) =>
        {
            try
            {
                await context.ChallengeAsync(EntraSignInSetup.Scheme, new AuthenticationProperties { RedirectUri = LocalUrl.OrHome(returnUrl) });
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The handler reads the provider's metadata (and may push the request to it) before it can redirect there.
                var failure = SignInFailures.Classify(error) == SignInFailure.Provider ? SignInFailure.Provider : SignInFailure.Unavailable;
                logger.LogError("A sign-in could not be started at the identity provider ({Failure}): {Error}", failure, error.GetType().Name);
                context.Response.Redirect(SignInFailures.FailurePage(failure));
            }
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
