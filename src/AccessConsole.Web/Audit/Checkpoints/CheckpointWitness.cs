using System.Text.Json;

namespace AccessConsole.Web.Audit.Checkpoints;

/// <summary>
/// Each checkpoint written once more, outside the database, as <c>checkpoint-NNNNNNNNNN.json</c>: in production a
/// folder on write-once storage, so that whoever can rewrite the database cannot rewrite what was signed before.
/// Files are created, never overwritten.
/// </summary>
public sealed class CheckpointWitness(string? folder)
{
    public bool IsConfigured => folder is { Length: > 0 };

    public string? Folder => folder;

    public async Task WriteAsync(AuditCheckpoint checkpoint, CancellationToken ct)
    {
        if (!IsConfigured) return;
        Directory.CreateDirectory(folder!);
        await using var file = new FileStream(PathOf(checkpoint.Number), FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await JsonSerializer.SerializeAsync(file, CheckpointFile.Of(checkpoint), CheckpointFile.Json, ct);
    }

    /// <summary>Every checkpoint the witness holds, by number; a file that cannot be read is reported by its name.</summary>
    public async Task<(SortedDictionary<long, AuditCheckpoint> Checkpoints, List<string> Unreadable)> ReadAllAsync(CancellationToken ct)
    {
        var found = new SortedDictionary<long, AuditCheckpoint>();
        var unreadable = new List<string>();
        if (!IsConfigured || !Directory.Exists(folder)) return (found, unreadable);
        foreach (var path in Directory.EnumerateFiles(folder!, "checkpoint-*.json"))
        {
            try
            {
                await using var file = File.OpenRead(path);
                var read = (await JsonSerializer.DeserializeAsync<CheckpointFile>(file, CheckpointFile.Json, ct))?.ToCheckpoint();
                if (read is null) unreadable.Add(Path.GetFileName(path));
                else found[read.Number] = read;
            }
            catch (JsonException)
            {
                unreadable.Add(Path.GetFileName(path));
            }
        }
        return (found, unreadable);
    }

    private string PathOf(long number) => Path.Combine(folder!, $"checkpoint-{number:D10}.json");
}

/// <summary>A checkpoint as a file: its members, hash and signature (the form exports carry too).</summary>
public sealed record CheckpointFile(long Checkpoint, long HeadSequence, string HeadHash, string CreatedAt, string Reason,
    string PreviousHash, string KeyId, string Hash, string Signature, string? TreeRoot = null)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static CheckpointFile Of(AuditCheckpoint c) =>
        new(c.Number, c.HeadSequence, c.HeadHash, AuditChain.Time(c.CreatedAt), c.Reason, c.PreviousHash, c.KeyId, c.Hash, c.Signature, c.TreeRoot);

    public AuditCheckpoint ToCheckpoint() => new()
    {
        Number = Checkpoint, HeadSequence = HeadSequence, HeadHash = HeadHash,
        CreatedAt = DateTime.Parse(CreatedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal),
        Reason = Reason, PreviousHash = PreviousHash, KeyId = KeyId, Hash = Hash, Signature = Signature, TreeRoot = TreeRoot,
    };
}
