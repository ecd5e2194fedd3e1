using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AccessConsole.Web.Security.Entra;

/// <summary>The <c>Authentication:Entra</c> configuration section: one Entra ID tenant, with a client secret or a certificate.</summary>
public sealed class EntraSettings
{
    public const string Section = "Authentication:Entra";
    public const string DefaultInstance = "https://login.microsoftonline.com/";

    private static readonly string[] MultiTenantNames = ["common", "organizations", "consumers"];

    public string Instance { get; set; } = DefaultInstance;

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>A PFX (PKCS#12) file holding the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The thumbprint of a certificate in <see cref="CertificateStorePath"/>.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>The store that holds the thumbprint's certificate, as <c>Location/Name</c>.</summary>
    public string CertificateStorePath { get; set; } = "LocalMachine/My";

    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>Where the provider sends the browser back after its own sign-out.</summary>
    public string SignedOutCallbackPath { get; set; } = "/signout-callback-oidc";

    public bool UsesCertificate => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificateThumbprint);

    /// <summary>The tenant's issuer URL, whose <c>.well-known/openid-configuration</c> describes the provider.</summary>
    public Uri AuthorityUri => new($"{Instance.TrimEnd('/')}/{TenantId}/v2.0");

    /// <summary>Everything wrong with the settings, each as a sentence an operator can act on; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add($"{Section}:ClientId is missing: set it to the Application (client) ID of the app registration.");
        }
        if (!IsHttpsUrl(Instance)) problems.Add($"{Section}:Instance must be an absolute https:// URL, such as {DefaultInstance}.");
        if (string.IsNullOrWhiteSpace(TenantId))
        {
            problems.Add($"{Section}:TenantId is missing: set it to the Directory (tenant) ID.");
        }
        else if (MultiTenantNames.Contains(TenantId.Trim(), StringComparer.OrdinalIgnoreCase) || TenantId.Any(c => c is '/' or '?' or '#' || char.IsWhiteSpace(c)))
        {
            problems.Add($"{Section}:TenantId must name one tenant (its ID or domain), not '{TenantId}': the console is single-tenant.");
        }
        problems.AddRange(CredentialProblems());
        foreach (var (name, path) in new[] { (nameof(CallbackPath), CallbackPath), (nameof(SignedOutCallbackPath), SignedOutCallbackPath) })
        {
            if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('?'))
            {
                problems.Add($"{Section}:{name} must be a path on this site that starts with '/', such as /signin-oidc.");
            }
        }
        return problems;
    }

    private IEnumerable<string> CredentialProblems()
    {
        var given = new[] { ClientSecret, CertificatePath, CertificateThumbprint }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (given != 1)
        {
            yield return $"Give exactly one client credential: {Section}:ClientSecret, {Section}:CertificatePath or {Section}:CertificateThumbprint ({given} given).";
            yield break;
        }
        if (!string.IsNullOrWhiteSpace(CertificatePath) && PfxProblem() is { } problem) yield return problem;
        if (!string.IsNullOrWhiteSpace(CertificateThumbprint) && StoreLocationAndName() is null)
        {
            yield return $"{Section}:CertificateStorePath must be Location/Name, such as LocalMachine/My or CurrentUser/My, not '{CertificateStorePath}'.";
        }
    }

    /// <summary>Checked at start-up, so that a broken file stops the app instead of the first sign-in.</summary>
    private string? PfxProblem()
    {
        if (!File.Exists(CertificatePath)) return $"{Section}:CertificatePath names a file that does not exist: {CertificatePath}.";
        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);
            return certificate.HasPrivateKey ? null : $"The certificate in {Section}:CertificatePath has no private key; the app needs it to prove its identity.";
        }
        catch (CryptographicException)
        {
            return $"{Section}:CertificatePath could not be read as a PFX file with the given password.";
        }
    }

    public (StoreLocation Location, StoreName Name)? StoreLocationAndName()
    {
        var parts = CertificateStorePath.Split('/');
        return parts.Length == 2 && Enum.TryParse<StoreLocation>(parts[0], ignoreCase: true, out var location)
            && Enum.TryParse<StoreName>(parts[1], ignoreCase: true, out var name)
            ? (location, name)
            : null;
    }

    private static bool IsHttpsUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.Query);
}
