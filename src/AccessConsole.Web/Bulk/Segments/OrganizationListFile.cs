using CsvHelper;

namespace AccessConsole.Web.Bulk.Segments;

/// <summary>
/// An explicit list of organizations uploaded as a file (CSV or plain text: the first column of each line, a name or
/// an id), so that a long list does not travel through the circuit as one message.
/// </summary>
public static class OrganizationListFile
{
    public const long MaxBytes = 256 * 1024;

    public static string TooLarge(long size) => $"The file has {size:N0} bytes; upload at most {MaxBytes:N0} bytes ({MaxBytes / 1024} KB).";

    /// <summary>The list as the text box holds it (one entry a line), or the message for the upload field.</summary>
    public static async Task<(string? List, string? Problem)> ReadAsync(Stream file, long size, CancellationToken ct = default)
    {
        if (size > MaxBytes) return (null, TooLarge(size));
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes, ct);
        using var csv = CsvReader.Create(bytes.ToArray(), CsvReaderOptions.Default with { HasHeader = false });
        var entries = new List<string>();
        while (await csv.ReadAsync(ct))
        {
            if (csv.FieldCount == 0 || csv.GetString(0).Trim() is not { Length: > 0 } entry) continue;
            entries.Add(entry);
            if (entries.Count > SegmentValidator.MaxListed) return (null, $"The file lists more than {SegmentValidator.MaxListed:N0} organizations.");
        }
        return entries.Count == 0 ? (null, "The file lists no organization.") : (string.Join("\n", entries), null);
    }
}
