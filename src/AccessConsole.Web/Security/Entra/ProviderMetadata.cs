using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccessConsole.Web.Security.Entra;

/// <summary>The parts of the provider's discovery document the app itself needs (MSAL reads its own copy).</summary>
public sealed record ProviderMetadata(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("end_session_endpoint")] string? EndSessionEndpoint);

/// <summary>Reads <c>.well-known/openid-configuration</c> once, and again only after a failure.</summary>
public sealed class ProviderMetadataSource(IdentityProviderHttp http, EntraSettings settings, ILogger<ProviderMetadataSource> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private ProviderMetadata? metadata;

    public async Task<ProviderMetadata> GetAsync(CancellationToken cancellationToken)
    {
        if (metadata is not null) return metadata;
        await gate.WaitAsync(cancellationToken);
        try
        {
            return metadata ??= await FetchAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ProviderMetadata> FetchAsync(CancellationToken cancellationToken)
    {
        var address = new Uri(settings.AuthorityUri.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration");
        logger.LogInformation("Reading the identity provider's metadata from {Address}", address);
        var document = await http.GetHttpClient().GetFromJsonAsync<ProviderMetadata>(address, cancellationToken)
            ?? throw new InvalidOperationException($"The identity provider's metadata at {address} is empty.");
        if (!Uri.TryCreate(document.Issuer, UriKind.Absolute, out var issuer) || issuer.Host != settings.AuthorityUri.Host)
        {
            throw new InvalidOperationException($"The identity provider's metadata at {address} names an issuer on another host.");
        }
        return document;
    }
}
