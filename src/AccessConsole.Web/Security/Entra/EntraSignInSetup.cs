using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;

namespace AccessConsole.Web.Security.Entra;

/// <summary>
/// Entra ID sign-in through Microsoft.Identity.Web: the authorization code flow with PKCE, the ID token validated by
/// the library (signature against the tenant's published keys, issuer, audience, lifetime, nonce), then turned into
/// the console's own session cookie (<see cref="EntraSignInEvents"/>).
/// </summary>
public static class EntraSignInSetup
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    public static void AddEntraSignIn(this AuthenticationBuilder authentication, ILoggingBuilder logging, EntraSettings settings)
    {
        // At Trace the handler logs the provider's whole answer, authorization code included; nothing below Debug.
        logging.AddFilter(typeof(OpenIdConnectHandler).Namespace, LogLevel.Debug);
        // cookieScheme: null, because the console keeps its own cookie; the handler signs in to the default scheme.
        var webApp = authentication.AddMicrosoftIdentityWebApp(options => Configure(options, settings), openIdConnectScheme: Scheme, cookieScheme: null);
        if (settings.UsesCertificate)
        {
            // The OpenID Connect handler can redeem a code with a secret only; with a certificate, Identity.Web's token
            // acquisition (MSAL) redeems it with a signed client assertion.
            webApp.EnableTokenAcquisitionToCallDownstreamApi([]).AddInMemoryTokenCaches();
        }
    }

    private static void Configure(MicrosoftIdentityOptions options, EntraSettings settings)
    {
        options.Instance = settings.Instance;
        options.TenantId = settings.TenantId;
        options.ClientId = settings.ClientId;
        options.CallbackPath = settings.CallbackPath;
        options.SignedOutCallbackPath = settings.SignedOutCallbackPath;
        if (settings.UsesCertificate)
        {
            options.ClientCredentials = [Certificate(settings)];
            // A pushed authorization request authenticates the client, which the handler can do with a secret only.
            options.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
        }
        else
        {
            options.ClientSecret = settings.ClientSecret;
        }

        // Identity.Web's default is the implicit id_token response; the console wants the code flow with PKCE.
        options.ResponseType = "code";
        options.UsePkce = true;
        // Claims keep their names from the token (oid, roles, name), which the console reads itself.
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        // The provider's sign-in page may take a while; the state (and its cookie) is refused after this.
        options.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
        options.Events = EntraSignInEvents.Create(settings);
    }

    private static CredentialDescription Certificate(EntraSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            return CertificateDescription.FromPath(settings.CertificatePath, settings.CertificatePassword);
        }
        var (location, name) = settings.StoreLocationAndName()!.Value;
        return CertificateDescription.FromStoreWithThumbprint(settings.CertificateThumbprint!.Replace(" ", "", StringComparison.Ordinal), location, name);
    }
}
