using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// What an export holds, written beside it: the filter, the count, the first and last events with their hashes,
/// the chain head when it began (later events are not in it), the SHA-256 of the file, and its inclusion proof.
/// </summary>
public sealed record ExportManifest
{
    public const string FormatDocument = "db/audit-format.md";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public required string File { get; init; }
    public required string Format { get; init; }
    public required IReadOnlyDictionary<string, string> Filter { get; init; }
    public required long Count { get; init; }
    public long? FirstSequence { get; init; }
    public string? FirstHash { get; init; }
    public long? LastSequence { get; init; }
    public string? LastHash { get; init; }
    public required long ChainHeadSequence { get; init; }
    public required string ChainHeadHash { get; init; }
    public required string Sha256 { get; init; }
    public required long Bytes { get; init; }
    public required DateTime ExportedAt { get; init; }
    public required string ExportedBy { get; init; }

    /// <summary>The id of the audit event that records this export.</summary>
    public required Guid ExportEventId { get; init; }

    /// <summary>The inclusion proof's file beside the export, its number of lines and its SHA-256.</summary>
    public required string ProofFile { get; init; }
    public required long ProofEntries { get; init; }
    public required string ProofSha256 { get; init; }

    /// <summary>The signed checkpoint of the head the export reads up to (<see cref="ChainHeadSequence"/>).</summary>
    public required Checkpoints.CheckpointFile Checkpoint { get; init; }

    public string Specification { get; init; } = FormatDocument;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ExportManifest FromJson(string json) =>
        JsonSerializer.Deserialize<ExportManifest>(json, Json) ?? throw new FormatException("The manifest is empty.");
}
