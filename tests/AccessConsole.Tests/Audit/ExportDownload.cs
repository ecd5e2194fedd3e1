using System.IO.Compression;
using System.Net;
using System.Text.Json;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Export;

namespace AccessConsole.Tests.Audit;

/// <summary>An export as the browser downloads it: the zip's data file, its inclusion proof, and its signed manifest.</summary>
internal sealed record ExportDownload(
    string FileName, byte[] Data, ExportManifest Manifest, string ManifestJson, byte[] ManifestSignature, string PublicKeyPem, string Proof)
{
    public static async Task<ExportDownload> PostAsync(HttpClient client, string query)
    {
        var response = await PostRequestAsync(client, query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return Read(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>What the audit page's export form sends: a POST with the console's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostRequestAsync(HttpClient client, string query,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, string? token = null)
    {
        token ??= await TokenAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/audit/export?" + query)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        };
        return await client.SendAsync(request, completion);
    }

    /// <summary>The antiforgery token that the console's pages give the signed-in person.</summary>
    public static async Task<string> TokenAsync(HttpClient client) =>
        Infrastructure.SignIn.AntiforgeryTokenIn(await client.GetStringAsync("/organizations"));

    public static ExportDownload Read(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        Assert.Equal(5, zip.Entries.Count);
        var manifestJson = ReadAll(zip.GetEntry(AuditExportService.ManifestFile)!);
        var manifest = ExportManifest.FromJson(manifestJson);
        var data = zip.GetEntry(manifest.File) ?? throw new InvalidOperationException($"The zip has no {manifest.File}.");
        using var bytes = new MemoryStream();
        using (var stream = data.Open()) stream.CopyTo(bytes);
        using var signature = new MemoryStream();
        using (var stream = zip.GetEntry(AuditExportService.ManifestFile + AuditExportService.SignatureSuffix)!.Open()) stream.CopyTo(signature);
        return new(manifest.File, bytes.ToArray(), manifest, manifestJson, signature.ToArray(), ReadAll(zip.GetEntry(AuditExportService.PublicKeyFile)!),
            ReadAll(zip.GetEntry(manifest.ProofFile)!));
    }

    public IReadOnlyList<string> Lines => System.Text.Encoding.UTF8.GetString(Data).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The events of a JSON Lines export, read back from their members.</summary>
    public IReadOnlyList<AuditEvent> Events => Lines.Select(ParseLine).ToList();

    public static AuditEvent ParseLine(string line)
    {
        var json = JsonDocument.Parse(line).RootElement;
        string? Text(string name) => json.GetProperty(name).GetString();
        long? Number(string name) => json.GetProperty(name).ValueKind == JsonValueKind.Null ? null : json.GetProperty(name).GetInt64();
        Guid? Id(string name) => Text(name) is { } text ? Guid.Parse(text) : null;
        return new AuditEvent
        {
            Sequence = Number("sequence")!.Value,
            EventId = Id("eventId")!.Value,
            OccurredAt = DateTime.Parse(Text("occurredAt")!, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
            ActorId = Text("actorId")!, ActorName = Text("actorName")!, ActorRoles = Text("actorRoles")!, Action = Text("action")!,
            SubjectKind = Text("subjectKind"), SubjectId = Text("subjectId"), SubjectName = Text("subjectName"),
            OrganizationId = Id("organizationId"), OrganizationName = Text("organizationName"),
            ReasonCode = Text("reasonCode"), Justification = Text("justification"), TicketReference = Text("ticketReference"),
            PolicyClause = Text("policyClause"), AccessBefore = Text("accessBefore"), AccessAfter = Text("accessAfter"),
            CorrelationId = Id("correlationId"), ApproverId = Text("approverId"), ApproverName = Text("approverName"),
            UndoesSequence = Number("undoesSequence"), PreviousChangeSequence = Number("previousChangeSequence"),
            Details = Text("details"), PreviousHash = Text("previousHash")!, Hash = Text("hash")!,
        };
    }

    private static string ReadAll(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
