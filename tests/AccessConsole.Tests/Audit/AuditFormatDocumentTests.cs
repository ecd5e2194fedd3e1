using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Hosting;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.Audit;

/// <summary>db/audit-format.md must stay true: its worked example and its script are checked against the code.</summary>
public sealed class AuditFormatDocumentTests
{
    private static readonly string Root = DevelopmentConfiguration.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The tests run inside the repository.");

    private static readonly string Document = File.ReadAllText(Path.Combine(Root, "db", "audit-format.md"));
    private static readonly string ScriptPath = Path.Combine(Root, "db", "verify-audit-export.py");

    [Fact]
    public void The_worked_example_hashes_as_documented_and_is_what_the_code_writes_for_that_event()
    {
        var lines = Document.Split('\n');
        var canonical = lines.Single(l => l.StartsWith("{\"sequence\":1,", StringComparison.Ordinal));
        var hash = lines.Single(l => l.StartsWith("SHA-256: ", StringComparison.Ordinal))["SHA-256: ".Length..].Trim();

        Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var e = ExportDownload.ParseLine(canonical[..^1] + $",\"hash\":\"{hash}\"}}");
        Assert.Equal(canonical, AuditChain.Canonical(e));
        Assert.Equal(hash, AuditChain.ComputeHash(e));
        Assert.Contains($"{Encoding.UTF8.GetByteCount(canonical)} bytes of UTF-8", Document);
    }

    [Fact]
    public void The_document_lists_every_canonical_member_in_order()
    {
        var positions = AuditChain.FieldNames.Select((name, i) => Document.IndexOf($"| {i + 1} | `{name}` |", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void The_script_in_the_document_is_the_script_in_the_repository()
    {
        var start = Document.IndexOf("```python\n", StringComparison.Ordinal) + "```python\n".Length;
        var inDocument = Document[start..Document.IndexOf("```", start, StringComparison.Ordinal)];

        Assert.Equal(File.ReadAllText(ScriptPath).Replace("\r\n", "\n"), inDocument);
    }

    [Fact]
    public async Task The_python_script_verifies_real_exports_and_rejects_a_tampered_one()
    {
        var found = PythonPath();
        Assert.SkipWhen(found is null, "python3 is not installed, so the documented script cannot be run here.");
        var python = found!;
        await using var factory = await ConsoleFactory.WithDemoDataAsync();
        Assert.All(await factory.RevokeKeysAsync(3), r => Assert.True(r.Succeeded));
        var golden = CanonicalFormTests.GoldenEvent();
        await AppendAsync(factory, golden);
        var legal = await factory.SignedInClientAsync("Lee Legal", Roles.Legal);
        var whole = await ExportDownload.PostAsync(legal, "format=jsonl");
        var filtered = await ExportDownload.PostAsync(legal, "format=jsonl&action=access.revoke");

        var (wholeExit, wholeOutput) = await RunAsync(python, whole);
        var (filteredExit, filteredOutput) = await RunAsync(python, filtered);
        var tampered = whole with { Data = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(whole.Data).Replace("Rotating keys", "Rotating some keys")) };
        var (tamperedExit, tamperedOutput) = await RunAsync(python, tampered);
        var resealedManifest = tampered with { ManifestJson = whole.ManifestJson.Replace(whole.Manifest.Sha256, Convert.ToHexStringLower(SHA256.HashData(tampered.Data))) };
        var (resealedExit, resealedOutput) = await RunAsync(python, resealedManifest);

        Assert.True(wholeExit == 0, wholeOutput);
        Assert.Contains($"VERIFIED: {whole.Manifest.Count} events", wholeOutput);
        Assert.True(filteredExit == 0, filteredOutput);
        Assert.Equal(1, tamperedExit);
        Assert.Contains("SHA-256 differs", tamperedOutput);
        Assert.Equal(1, resealedExit);
        Assert.Contains("its content does not match its hash", resealedOutput);
    }

    private static async Task AppendAsync(ConsoleFactory factory, AuditEvent e)
    {
        await using var db = await factory.Contexts().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await AuditLog.LockChainHeadAsync(db, CancellationToken.None);
        await AuditLog.AppendAsync(db, [e], CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string python, ExportDownload export)
    {
        var folder = Path.Combine(TestDatabase.Folder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, export.FileName);
        var manifest = Path.Combine(folder, "manifest.json");
        await File.WriteAllBytesAsync(data, export.Data);
        await File.WriteAllTextAsync(manifest, export.ManifestJson);
        await File.WriteAllBytesAsync(manifest + ".sig", export.ManifestSignature);
        await File.WriteAllTextAsync(Path.Combine(folder, "public-key.pem"), export.PublicKeyPem);
        using var process = Process.Start(new ProcessStartInfo(python, [ScriptPath, data, manifest])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    internal static string? PythonPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "python3")).FirstOrDefault(File.Exists);
}
