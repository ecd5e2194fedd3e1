using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// Sits between the app and the test provider's token endpoint: records each answer and, when the provider says so,
/// re-signs its ID token with a key of its own (same header, same claims), which no published key verifies.
/// </summary>
public sealed class IdTokenForger(TestOidcProvider provider) : DelegatingHandler
{
    private static readonly RSA UnpublishedKey = RSA.Create(2048);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal)) return response;

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        provider.TokenResponses.Enqueue(body);
        if (provider.ForgeIdTokenSignatures && JsonNode.Parse(body) is JsonObject tokens && tokens["id_token"]?.GetValue<string>() is { } idToken)
        {
            tokens["id_token"] = Resign(idToken);
            body = tokens.ToJsonString();
        }
        var copy = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
        foreach (var header in response.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return copy;
    }

    private static string Resign(string jwt)
    {
        var signed = jwt[..jwt.LastIndexOf('.')];
        var signature = UnpublishedKey.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + WebEncoders.Base64UrlEncode(signature);
    }
}
