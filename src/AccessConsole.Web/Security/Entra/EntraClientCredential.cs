using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;

namespace AccessConsole.Web.Security.Entra;

/// <summary>The app's own credential towards the provider: a client secret or a certificate, loaded once at start-up.</summary>
public sealed class EntraClientCredential
{
    private readonly string? secret;
    private readonly X509Certificate2? certificate;

    private EntraClientCredential(string? secret, X509Certificate2? certificate)
    {
        this.secret = secret;
        this.certificate = certificate;
    }

    public static EntraClientCredential Load(EntraSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.ClientSecret)) return new(settings.ClientSecret, null);
        var certificate = !string.IsNullOrWhiteSpace(settings.CertificatePath)
            ? LoadFromFile(settings.CertificatePath, settings.CertificatePassword)
            : LoadFromStore(settings.CertificateThumbprint!);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate {certificate.Thumbprint} of {EntraSettings.Section} has no private key; the app needs it to prove its identity.");
        }
        return new(null, certificate);
    }

    public ConfidentialClientApplicationBuilder ApplyTo(ConfidentialClientApplicationBuilder builder) =>
        certificate is not null ? builder.WithCertificate(certificate, sendX5C: true) : builder.WithClientSecret(secret!);

    private static X509Certificate2 LoadFromFile(string path, string? password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (System.Security.Cryptography.CryptographicException error)
        {
            throw new InvalidOperationException($"{EntraSettings.Section}:CertificatePath could not be read as a PFX file with the given password: {error.Message}", error);
        }
    }

    private static X509Certificate2 LoadFromStore(string thumbprint)
    {
        var wanted = thumbprint.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                continue; // this store does not exist on this machine (e.g. the machine store on Linux)
            }
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, validOnly: false);
            if (found.Count > 0) return found[0];
        }
        throw new InvalidOperationException($"No certificate with the thumbprint {wanted} ({EntraSettings.Section}:CertificateThumbprint) is in the personal certificate store of the current user or the machine.");
    }
}
