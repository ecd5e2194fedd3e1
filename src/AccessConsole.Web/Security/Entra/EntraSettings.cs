namespace AccessConsole.Web.Security.Entra;

/// <summary>
/// The <c>Authentication:Entra</c> configuration section: an Entra ID tenant (Instance + TenantId), or any OpenID
/// Connect provider (Authority), with a client secret or a certificate.
/// </summary>
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

    /// <summary>The thumbprint of a certificate in the current user's or the machine's personal store.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>A generic OpenID Connect authority (issuer URL); when set, Instance and TenantId are not used.</summary>
    public string? Authority { get; set; }

    public string CallbackPath { get; set; } = "/signin-oidc";

    public bool IsGenericAuthority => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The issuer URL whose <c>.well-known/openid-configuration</c> describes the provider.</summary>
    public Uri AuthorityUri => IsGenericAuthority
        ? new Uri(Authority!.TrimEnd('/'))
        : new Uri($"{Instance.TrimEnd('/')}/{TenantId}/v2.0");

    /// <summary>Everything wrong with the settings, each as a sentence an operator can act on; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add($"{Section}:ClientId is missing: set it to the Application (client) ID of the app registration.");
        }
        if (IsGenericAuthority)
        {
            if (!IsHttpsUrl(Authority)) problems.Add($"{Section}:Authority must be an absolute https:// URL (the provider's issuer).");
        }
        else
        {
            if (!IsHttpsUrl(Instance)) problems.Add($"{Section}:Instance must be an absolute https:// URL, such as {DefaultInstance}.");
            if (string.IsNullOrWhiteSpace(TenantId))
            {
                problems.Add($"{Section}:TenantId is missing: set it to the Directory (tenant) ID, or set {Section}:Authority for another OpenID Connect provider.");
            }
            else if (MultiTenantNames.Contains(TenantId.Trim(), StringComparer.OrdinalIgnoreCase) || TenantId.Any(c => c is '/' or '?' or '#' || char.IsWhiteSpace(c)))
            {
                problems.Add($"{Section}:TenantId must name one tenant (its ID or domain), not '{TenantId}': the console is single-tenant.");
            }
        }
        problems.AddRange(CredentialProblems());
        if (!CallbackPath.StartsWith('/') || CallbackPath.StartsWith("//", StringComparison.Ordinal) || CallbackPath.Contains('?'))
        {
            problems.Add($"{Section}:CallbackPath must be a path on this site that starts with '/', such as /signin-oidc.");
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
        if (!string.IsNullOrWhiteSpace(CertificatePath) && !File.Exists(CertificatePath))
        {
            yield return $"{Section}:CertificatePath names a file that does not exist: {CertificatePath}.";
        }
    }

    private static bool IsHttpsUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.Query);
}
