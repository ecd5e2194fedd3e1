namespace AccessConsole.Web.Audit.Checkpoints;

/// <summary>The <c>Audit:Checkpoints</c> settings.</summary>
public sealed class CheckpointOptions
{
    public const string Section = "Audit:Checkpoints";

    /// <summary>How often a checkpoint is signed on a schedule; zero or less turns the schedule off.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A PFX with the signing key (ECDSA P-256 or RSA); the production setting.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>A PEM private key (PKCS#8, or PKCS#1 for RSA); in Development the default is .data/audit-signing-key.pem, made when missing.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The folder outside the database where each checkpoint is also written: write-once storage in production.</summary>
    public string? WitnessFolder { get; set; }
}
