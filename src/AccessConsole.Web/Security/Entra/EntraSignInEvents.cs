using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace AccessConsole.Web.Security.Entra;

/// <summary>
/// The console's own rules on top of the library's sign-in: the session is the console's cookie with its fixed end and
/// the console's roles; every failed or forged answer ends on the sign-in page with its reason, never an error page.
/// </summary>
public static class EntraSignInEvents
{
    public static OpenIdConnectEvents Create(EntraSettings settings) => new()
    {
        OnTokenValidated = context =>
        {
            var token = context.Principal!;
            var objectId = token.FindFirst(Actor.ObjectIdClaim)?.Value ?? token.FindFirst("sub")?.Value;
            if (string.IsNullOrWhiteSpace(objectId))
            {
                context.Fail("The ID token names no user (oid or sub).");
                return Task.CompletedTask;
            }
            var name = token.FindFirst("name")?.Value ?? token.FindFirst("preferred_username")?.Value ?? objectId;
            var roles = token.FindAll("roles").Select(c => c.Value).Where(Roles.All.Contains).Distinct().ToList();

            var (principal, session) = context.HttpContext.RequestServices.GetRequiredService<ConsoleSession>().Create(objectId, name, roles);
            context.Principal = principal;
            context.Properties!.IssuedUtc = session.IssuedUtc;
            context.Properties.ExpiresUtc = session.ExpiresUtc;
            context.Properties.AllowRefresh = false;
            Logger(context.HttpContext).LogInformation("{ObjectId} signed in with the roles {Roles}.", objectId, roles.Count == 0 ? "(none)" : string.Join(", ", roles));
            return Task.CompletedTask;
        },
        OnAccessDenied = context =>
        {
            Logger(context.HttpContext).LogWarning("The identity provider answered the sign-in with access_denied.");
            context.Response.Redirect(SignInFailures.FailurePage(SignInFailure.Provider));
            context.HandleResponse();
            return Task.CompletedTask;
        },
        OnRemoteFailure = context =>
        {
            var failure = SignInFailures.Classify(context.Failure);
            // The exception's type only: messages may quote what the provider sent.
            Logger(context.HttpContext).LogWarning("Refused a sign-in ({Failure}): {Error}.", failure, context.Failure?.GetType().Name ?? "no reason given");
            context.Response.Redirect(SignInFailures.FailurePage(failure));
            context.HandleResponse();
            return Task.CompletedTask;
        },
        // The provider needs to know which client signs out (no ID token is kept to send as a hint).
        OnRedirectToIdentityProviderForSignOut = context =>
        {
            context.ProtocolMessage.ClientId = settings.ClientId;
            return Task.CompletedTask;
        },
    };

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EntraSignInEvents));
}
