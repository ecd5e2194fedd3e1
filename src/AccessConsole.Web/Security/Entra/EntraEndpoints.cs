namespace AccessConsole.Web.Security.Entra;

public static class EntraEndpoints
{
    public const string StartPath = "/account/signin/entra";

    public static void MapEntraSignIn(this IEndpointRouteBuilder endpoints, EntraSettings settings)
    {
        endpoints.MapGet(StartPath, async (HttpContext context, EntraSignIn signIn, string? returnUrl) =>
        {
            var providerUrl = await signIn.StartAsync(context, LocalUrl.OrHome(returnUrl));
            return providerUrl is null ? Results.LocalRedirect(FailurePage(SignInFailure.Unavailable)) : Results.Redirect(providerUrl);
        }).AllowAnonymous().ExcludeFromDescription();

        // The state, bound to this browser, is what protects the callback from cross-site requests; the provider's
        // form has no antiforgery token to give.
        endpoints.MapPost(settings.CallbackPath, async (HttpContext context, EntraSignIn signIn) =>
        {
            var outcome = await signIn.CompleteAsync(context);
            return outcome.Failure is { } failure
                ? Results.LocalRedirect(FailurePage(failure))
                : Results.LocalRedirect(LocalUrl.OrHome(outcome.ReturnUrl));
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    public static string FailurePage(SignInFailure failure) =>
        $"{AuthenticationSetup.SignInPath}?failed={failure.ToString().ToLowerInvariant()}";
}
