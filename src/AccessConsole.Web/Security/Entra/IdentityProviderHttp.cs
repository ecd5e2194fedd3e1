using Microsoft.Identity.Client;

namespace AccessConsole.Web.Security.Entra;

/// <summary>
/// The one HTTP client through which the app talks to the identity provider, MSAL included, so that its handler
/// (proxy, trusted certificates) is configured in one place.
/// </summary>
public sealed class IdentityProviderHttp(IHttpClientFactory clients) : IMsalHttpClientFactory
{
    public const string ClientName = "IdentityProvider";

    public HttpClient GetHttpClient() => clients.CreateClient(ClientName);
}
