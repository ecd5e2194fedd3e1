using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AccessConsole.Web.Gateway.Credentials;

/// <summary>
/// <c>Authorization: Bearer &lt;secret&gt;</c> for the gateway API. Missing, malformed, unknown or revoked
/// credentials are 401; the API never falls back to the console's cookie.
/// </summary>
public sealed class GatewayAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ServiceCredentialCache credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GatewayBearer";
    public const string Policy = "Gateway";
    public const string CredentialIdClaim = "credential_id";
    private const int MaxSecretLength = 200;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return AuthenticateResult.Fail("The Authorization header is not a bearer token.");

        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > MaxSecretLength || !secret.StartsWith(ServiceCredentialService.SecretMarker, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("The bearer token is malformed.");
        }

        var credential = await credentials.FindAsync(ServiceCredentialService.Hash(secret), Context.RequestAborted);
        if (credential is not { } found) return AuthenticateResult.Fail("The credential is unknown or revoked.");

        var identity = new ClaimsIdentity(
            [new Claim(CredentialIdClaim, found.Id.ToString()), new Claim(ClaimTypes.Name, found.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
