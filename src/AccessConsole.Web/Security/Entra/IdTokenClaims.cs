using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace AccessConsole.Web.Security.Entra;

/// <summary>
/// The claims of an ID token that the console uses, read from a token the app received itself from the provider's
/// token endpoint over TLS. The signature is therefore not checked (OpenID Connect Core 1.0, 3.1.3.7: TLS server
/// validation of the token endpoint may stand in for it); issuer, audience, expiry and nonce are.
/// </summary>
public sealed record IdTokenClaims(string ObjectId, string Name, IReadOnlyList<string> Roles, string? TenantId)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The validated claims, or the reason (without any token content) why the token is refused.</summary>
    public static (IdTokenClaims? Claims, string? Problem) Validate(
        string? idToken, string expectedIssuer, string clientId, string expectedNonce, DateTimeOffset now)
    {
        var payload = PayloadOf(idToken);
        if (payload is null) return (null, "the ID token is not a JWT");
        using (payload)
        {
            var root = payload.RootElement;
            if (!string.Equals(Text(root, "iss")?.TrimEnd('/'), expectedIssuer.TrimEnd('/'), StringComparison.Ordinal)) return (null, "the issuer is not the configured one");
            if (!Strings(root, "aud").Contains(clientId, StringComparer.Ordinal)) return (null, "the token was issued to another client");
            if (Text(root, "azp") is { } azp && azp != clientId) return (null, "the token was issued to another client (azp)");
            if (Number(root, "exp") is not { } exp || DateTimeOffset.FromUnixTimeSeconds(exp) + ClockSkew < now) return (null, "the token has expired");
            if (!FixedTimeEquals(Text(root, "nonce"), expectedNonce)) return (null, "the nonce does not match the sign-in started in this browser");

            var objectId = Text(root, Actor.ObjectIdClaim) ?? Text(root, "sub");
            if (string.IsNullOrWhiteSpace(objectId)) return (null, "the token names no user (oid or sub)");
            var name = Text(root, "name") ?? Text(root, "preferred_username") ?? objectId;
            var roles = Strings(root, "roles").Where(Security.Roles.All.Contains).Distinct().ToArray();
            return (new IdTokenClaims(objectId, name, roles, Text(root, "tid")), null);
        }
    }

    private static JsonDocument? PayloadOf(string? jwt)
    {
        var parts = jwt?.Split('.');
        if (parts is not { Length: 3 }) return null;
        try
        {
            var document = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[1]));
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            return null;
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    /// <summary>A claim that may be one string or an array of strings (aud, roles).</summary>
    private static IReadOnlyList<string> Strings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value)) return [];
        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray(),
            _ => [],
        };
    }

    private static bool FixedTimeEquals(string? actual, string expected) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));
}
