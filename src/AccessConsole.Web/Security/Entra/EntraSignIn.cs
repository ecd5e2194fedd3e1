using System.Text.RegularExpressions;
using Microsoft.Identity.Client;

namespace AccessConsole.Web.Security.Entra;

/// <summary>Why a sign-in did not complete; the sign-in page explains each one.</summary>
public enum SignInFailure
{
    /// <summary>The answer matches no sign-in started in this browser: forged, replayed, or too late.</summary>
    State,
    /// <summary>The provider answered with an error, or without a code.</summary>
    Provider,
    /// <summary>The code could not be redeemed, or the ID token is not acceptable.</summary>
    Token,
    /// <summary>The provider could not be reached.</summary>
    Unavailable,
}

public sealed record SignInOutcome(string? ReturnUrl, SignInFailure? Failure);

/// <summary>
/// The authorization-code flow with PKCE through MSAL's confidential client: <c>state</c> and <c>nonce</c> are
/// generated here and bound to the browser (<see cref="SignInCorrelation"/>), then checked at the callback.
/// A new MSAL client per sign-in keeps no user's tokens in memory: the console needs only the ID token's claims.
/// </summary>
public sealed partial class EntraSignIn(
    EntraSettings settings,
    EntraClientCredential credential,
    IdentityProviderHttp http,
    MsalLogging msalLogging,
    SignInCorrelation correlation,
    ProviderMetadataSource metadata,
    ConsoleSession session,
    TimeProvider time,
    ILogger<EntraSignIn> logger)
{
    // MSAL adds openid, profile and offline_access itself; the console asks for nothing more.
    private static readonly string[] Scopes = [];

    public async Task<string?> StartAsync(HttpContext context, string returnUrl)
    {
        var state = SignInCorrelation.NewRandomValue();
        var nonce = SignInCorrelation.NewRandomValue();
        try
        {
            var url = await Client(context.Request)
                .GetAuthorizationRequestUrl(Scopes)
                .WithPkce(out var codeVerifier)
                .WithPrompt(Prompt.NoPrompt)
                .WithExtraQueryParameters(new Dictionary<string, (string Value, bool IncludeInCacheKey)>
                {
                    ["state"] = (state, false),
                    ["nonce"] = (nonce, false),
                    // The code comes back in a POST body, not in a URL that request logs, history and proxies keep.
                    ["response_mode"] = ("form_post", false),
                })
                .ExecuteAsync(context.RequestAborted);
            correlation.Remember(context, new PendingSignIn(state, nonce, codeVerifier, returnUrl));
            return url.AbsoluteUri;
        }
        catch (Exception error) when (error is MsalException or HttpRequestException or TaskCanceledException)
        {
            logger.LogError("The identity provider could not be reached to start a sign-in: {Error}", ErrorCodeOf(error));
            return null;
        }
    }

    /// <summary>Completes the sign-in from the provider's answer (a form post: state, code or error, iss).</summary>
    public async Task<SignInOutcome> CompleteAsync(HttpContext context)
    {
        var query = await ReadAnswerAsync(context);
        if (query is null)
        {
            logger.LogWarning("Refused a sign-in callback that is not a readable form post.");
            return new(null, SignInFailure.State);
        }
        var pending = correlation.Take(context, query["state"]);
        if (pending is null)
        {
            logger.LogWarning("Refused a sign-in callback whose state matches no sign-in started in this browser (forged, replayed or expired).");
            return new(null, SignInFailure.State);
        }
        if (!string.IsNullOrEmpty(query["error"]))
        {
            logger.LogWarning("The identity provider answered the sign-in with the error {Error}.", Sanitized(query["error"]));
            return new(null, SignInFailure.Provider);
        }
        var code = query["code"].ToString();
        if (code.Length is 0 or > 4096)
        {
            logger.LogWarning("The identity provider answered the sign-in without a usable code.");
            return new(null, SignInFailure.Provider);
        }

        try
        {
            var issuer = (await metadata.GetAsync(context.RequestAborted)).Issuer;
            // RFC 9207: a provider that names itself in the answer must be the one the sign-in went to.
            var answeredBy = query["iss"].ToString();
            if (answeredBy.Length > 0 && answeredBy.TrimEnd('/') != issuer.TrimEnd('/'))
            {
                logger.LogWarning("Refused a sign-in answered by another issuer than the configured provider.");
                return new(null, SignInFailure.Provider);
            }
            var result = await Client(context.Request)
                .AcquireTokenByAuthorizationCode(Scopes, code)
                .WithPkceCodeVerifier(pending.CodeVerifier)
                .ExecuteAsync(context.RequestAborted);

            var (claims, problem) = IdTokenClaims.Validate(result.IdToken, issuer, settings.ClientId!, pending.Nonce, time.GetUtcNow());
            if (claims is null)
            {
                logger.LogWarning("Refused the ID token of a sign-in: {Problem}.", problem);
                return new(null, SignInFailure.Token);
            }
            await session.SignInAsync(context, claims.ObjectId, claims.Name, claims.Roles);
            logger.LogInformation("{ObjectId} signed in with the roles {Roles}.", claims.ObjectId, claims.Roles.Count == 0 ? "(none)" : string.Join(", ", claims.Roles));
            return new(pending.ReturnUrl, null);
        }
        catch (MsalException error)
        {
            logger.LogWarning("The sign-in code could not be redeemed: {Error}.", ErrorCodeOf(error));
            return new(null, SignInFailure.Token);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
        {
            logger.LogError("The identity provider could not be reached to complete a sign-in: {Error}", error.GetType().Name);
            return new(null, SignInFailure.Unavailable);
        }
    }

    private static async Task<IFormCollection?> ReadAnswerAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType) return null;
        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException)
        {
            return null;
        }
    }

    public string RedirectUri(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{settings.CallbackPath}";

    private IConfidentialClientApplication Client(HttpRequest request)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(settings.ClientId)
            .WithRedirectUri(RedirectUri(request))
            .WithHttpClientFactory(http)
            .WithLogging(msalLogging, enablePiiLogging: false);
        builder = settings.IsGenericAuthority
            ? builder.WithOidcAuthority(settings.AuthorityUri.AbsoluteUri)
            : builder.WithAuthority($"{settings.Instance.TrimEnd('/')}/{settings.TenantId}/");
        return credential.ApplyTo(builder).Build();
    }

    // Only error codes reach the log: MSAL's messages and the provider's descriptions may quote what was sent.
    private static string ErrorCodeOf(Exception error) => error is MsalException msal ? Sanitized(msal.ErrorCode) : error.GetType().Name;

    private static string Sanitized(string? code) => code is not null && ErrorCode().IsMatch(code) ? code : "(unreadable)";

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex ErrorCode();
}
