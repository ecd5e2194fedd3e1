using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace AccessConsole.Web.Security.Entra;

/// <summary>What a sign-in started in this browser must find again at the callback.</summary>
public sealed record PendingSignIn(string State, string Nonce, string CodeVerifier, string ReturnUrl);

/// <summary>
/// Binds a sign-in to the browser that started it: one short-lived, encrypted, HttpOnly cookie per attempt, named
/// after its <c>state</c>, limited to the callback path, and deleted when the callback reads it, so that a forged
/// state finds no cookie and a replayed callback finds it gone.
/// </summary>
public sealed class SignInCorrelation(IDataProtectionProvider dataProtection, EntraSettings settings)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const string CookiePrefix = "AccessConsole.SignIn.";
    private const int MaxStateLength = 200;

    private readonly ITimeLimitedDataProtector protector =
        dataProtection.CreateProtector("AccessConsole.Security.Entra.SignInCorrelation.v1").ToTimeLimitedDataProtector();

    public static string NewRandomValue() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public void Remember(HttpContext context, PendingSignIn pending)
    {
        var payload = protector.Protect(JsonSerializer.Serialize(pending), Lifetime);
        context.Response.Cookies.Append(CookieNameFor(pending.State), payload, CookieOptions(DateTimeOffset.UtcNow.Add(Lifetime)));
    }

    /// <summary>The pending sign-in of this state, or null when this browser started none (or it expired); consumed either way.</summary>
    public PendingSignIn? Take(HttpContext context, string? state)
    {
        if (string.IsNullOrEmpty(state) || state.Length > MaxStateLength) return null;
        var name = CookieNameFor(state);
        var payload = context.Request.Cookies[name];
        if (payload is null) return null;
        context.Response.Cookies.Delete(name, CookieOptions(expires: null));

        var pending = Unprotect(payload);
        if (pending is null) return null;
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(pending.State), Encoding.UTF8.GetBytes(state));
        return matches ? pending : null;
    }

    private PendingSignIn? Unprotect(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<PendingSignIn>(protector.Unprotect(payload));
        }
        catch (CryptographicException)
        {
            return null; // tampered with, expired, or protected with a key this app does not have
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private CookieOptions CookieOptions(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        // The provider posts the answer back from its own site (form_post), a request that carries only SameSite=None
        // cookies; None requires Secure, which browsers accept from http://localhost too.
        SameSite = SameSiteMode.None,
        Secure = true,
        Path = settings.CallbackPath,
        Expires = expires,
        IsEssential = true,
    };

    public static string CookieNameFor(string state) =>
        CookiePrefix + WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(state)))[..22];
}
