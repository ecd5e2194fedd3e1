using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AccessConsole.Web.Gateway.Credentials;

/// <summary>
/// <c>Authorization: Bearer &lt;secret&gt;</c> for the gateway API. Missing, malformed, unknown or revoked
/// credentials are 401; the API never falls back to the console's cookie. An address past its failed authentications
/// is 429 for any credential not already recognised, and the database is not asked about it.
/// </summary>
public sealed class GatewayAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, UrlEncoder encoder, ServiceCredentialCache credentials,
    FailedAuthenticationLimiter failures, GatewayRefusals refusals)
    // The base class logs each refusal at Information, twice; GatewayRefusals logs it once, at Debug.
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, NullLoggerFactory.Instance, encoder)
{
    public const string SchemeName = "GatewayBearer";
    public const string Policy = "Gateway";
    public const string CredentialIdClaim = "credential_id";
    private const int MaxSecretLength = 200;

    private string refusal = "no credential";
    private bool overLimit;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return Refuse("the Authorization header is not a bearer token");

        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > MaxSecretLength || !secret.StartsWith(ServiceCredentialService.SecretMarker, StringComparison.Ordinal))
        {
            return Refuse("the bearer token is malformed");
        }

        var hash = ServiceCredentialService.Hash(secret);
        if (!credentials.Recognises(hash) && failures.IsOverLimit(Context.Connection.RemoteIpAddress))
        {
            return Refuse("an unrecognised credential from an address past its failed authentications");
        }
        var credential = await credentials.FindAsync(hash, Context.RequestAborted);
        if (credential is not { } found) return Refuse("the credential is unknown or revoked");

        var identity = new ClaimsIdentity(
            [new Claim(CredentialIdClaim, found.Id.ToString()), new Claim(ClaimTypes.Name, found.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        refusals.Refused(Context.Connection.RemoteIpAddress, refusal, overLimit);
        if (overLimit)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private AuthenticateResult Refuse(string reason)
    {
        refusal = reason;
        overLimit = !failures.TryRecordFailure(Context.Connection.RemoteIpAddress);
        return AuthenticateResult.Fail(reason);
    }
}
