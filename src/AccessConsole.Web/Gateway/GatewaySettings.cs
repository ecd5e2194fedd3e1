namespace AccessConsole.Web.Gateway;

/// <summary>The <c>Gateway</c> configuration section.</summary>
public sealed class GatewaySettings
{
    public const string Section = "Gateway";

    /// <summary>Nothing is decided from a snapshot older than this; past it decisions read the database.</summary>
    public TimeSpan SnapshotMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the snapshot looks for changes made by other instances.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Requests per second allowed to one credential (token bucket, bursts up to twice this).</summary>
    public int RequestsPerSecondPerCredential { get; set; } = 500;

    /// <summary>
    /// Failed authentications allowed to one client address per second (token bucket, bursts up to twice this). Past
    /// it, the address's calls with a credential not already recognised are 429, without a database read.
    /// </summary>
    public int FailedAuthenticationsPerSecondPerAddress { get; set; } = 10;

    /// <summary>While gateway calls are being refused, one Warning this often counts them.</summary>
    public TimeSpan RefusalSummaryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Up to this many keys are held in memory (about 86 bytes each); with more, decisions look every key up in the
    /// database instead, at about a tenth of the throughput.
    /// </summary>
    public int MaxKeysInMemory { get; set; } = 5_000_000;

    public const int MaxItems = 100;
    public const int MaxWaitSeconds = 30;
    public const int MaxChangesPerPage = 500;
}
