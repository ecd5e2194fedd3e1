using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AccessConsole.Web.Audit.Checkpoints;

/// <summary>
/// The key that signs checkpoints and export manifests: ECDSA P-256 or RSA, from a certificate (PFX) in production,
/// or a PEM private key; in Development, a P-256 key generated once into the data folder. Signatures are DER-encoded
/// (ECDSA) or PKCS#1 v1.5 (RSA) over SHA-256, as <c>openssl dgst -sha256 -verify</c> checks them.
/// </summary>
public sealed class CheckpointSigningKey : IDisposable
{
    private readonly ECDsa? ecdsa;
    private readonly RSA? rsa;

    private CheckpointSigningKey(ECDsa? ecdsa, RSA? rsa)
    {
        (this.ecdsa, this.rsa) = (ecdsa, rsa);
        var publicKey = ecdsa?.ExportSubjectPublicKeyInfo() ?? rsa!.ExportSubjectPublicKeyInfo();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(publicKey));
        PublicKeyPem = PemEncoding.WriteString("PUBLIC KEY", publicKey) + "\n";
    }

    public string KeyId { get; }

    /// <summary>The public key (SubjectPublicKeyInfo) in PEM, as served to Legal and Admin and put in every export.</summary>
    public string PublicKeyPem { get; }

    public byte[] Sign(byte[] data) => ecdsa is not null
        ? ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
        : rsa!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public bool Verify(byte[] data, byte[] signature) => ecdsa is not null
        ? ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
        : rsa!.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public static CheckpointSigningKey Load(CheckpointOptions options, string contentRoot, bool development)
    {
        if (options.CertificatePath is { Length: > 0 } certificatePath)
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(certificatePath, contentRoot), options.CertificatePassword);
            var fromCertificate = certificate.GetECDsaPrivateKey() is { } ecCertificateKey ? new CheckpointSigningKey(ecCertificateKey, null)
                : certificate.GetRSAPrivateKey() is { } r ? new CheckpointSigningKey(null, r)
                : null;
            return fromCertificate ?? throw new InvalidOperationException($"Audit:Checkpoints:CertificatePath ({certificatePath}) holds no ECDSA or RSA private key.");
        }
        var keyPath = options.KeyPath is { Length: > 0 } given ? Path.GetFullPath(given, contentRoot)
            : development ? Path.Combine(contentRoot, ".data", "audit-signing-key.pem")
            : throw new InvalidOperationException("Audit checkpoints need a signing key: set Audit:Checkpoints:CertificatePath (a PFX) or Audit:Checkpoints:KeyPath (a PEM private key).");
        if (!File.Exists(keyPath))
        {
            if (!development && options.KeyPath is { Length: > 0 }) throw new InvalidOperationException($"Audit:Checkpoints:KeyPath names {keyPath}, which does not exist.");
            Generate(keyPath);
        }
        var pem = File.ReadAllText(keyPath);
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return new CheckpointSigningKey(ec, null);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            ec.Dispose();
        }
        var rsaKey = RSA.Create();
        rsaKey.ImportFromPem(pem);
        return new CheckpointSigningKey(null, rsaKey);
    }

    /// <summary>Writes a new P-256 key where none is yet; two instances starting at once keep the first one written.</summary>
    private static void Generate(string keyPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(keyPath)!);
        var staged = $"{keyPath}.{Guid.NewGuid():N}.tmp";
        using (var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(staged, generated.ExportPkcs8PrivateKeyPem() + "\n");
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(staged, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(staged, keyPath, overwrite: false);
        }
        catch (IOException) when (File.Exists(keyPath))
        {
            File.Delete(staged);
        }
    }

    public void Dispose()
    {
        ecdsa?.Dispose();
        rsa?.Dispose();
    }
}
