using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AccessConsole.Web.Security.Entra;

/// <summary>Why a sign-in did not complete; the sign-in page explains each one.</summary>
public enum SignInFailure
{
    /// <summary>The answer matches no sign-in started in this browser: forged, replayed, or too late.</summary>
    State,
    /// <summary>The provider answered with an error, or refused to redeem the code.</summary>
    Provider,
    /// <summary>The ID token is not acceptable (signature, issuer, audience, lifetime or nonce).</summary>
    Token,
    /// <summary>The provider could not be reached.</summary>
    Unavailable,
}

public static class SignInFailures
{
    /// <summary>The kind of a failure the OpenID Connect handler reported.</summary>
    public static SignInFailure Classify(Exception? failure) => failure switch
    {
        null => SignInFailure.State,
        SecurityTokenException or OpenIdConnectProtocolInvalidNonceException => SignInFailure.Token,
        OpenIdConnectProtocolException => SignInFailure.Provider,
        HttpRequestException or TaskCanceledException or IOException => SignInFailure.Unavailable,
        // The handler reports a missing, unreadable or unmatched state and correlation cookie with plain exceptions.
        _ when failure.InnerException is HttpRequestException or TaskCanceledException or IOException => SignInFailure.Unavailable,
        _ when failure.Message.Contains("IDX20803", StringComparison.Ordinal) => SignInFailure.Unavailable,
        _ => SignInFailure.State,
    };

    public static string FailurePage(SignInFailure failure) =>
        $"{AuthenticationSetup.SignInPath}?failed={failure.ToString().ToLowerInvariant()}";
}
