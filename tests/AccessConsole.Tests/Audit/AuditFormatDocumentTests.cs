using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Audit.Tree;
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
    public void The_worked_checkpoint_hashes_as_documented_and_signs_the_root_of_the_worked_event()
    {
        var lines = Document.Split('\n');
        var text = lines.Single(l => l.StartsWith("{\"checkpoint\":1,", StringComparison.Ordinal));
        var hash = lines.Single(l => l.StartsWith("Checkpoint SHA-256: ", StringComparison.Ordinal))["Checkpoint SHA-256: ".Length..].Trim();
        var json = System.Text.Json.JsonDocument.Parse(text).RootElement;
        var checkpoint = new AuditCheckpoint
        {
            Number = json.GetProperty("checkpoint").GetInt64(), HeadSequence = json.GetProperty("headSequence").GetInt64(),
            HeadHash = json.GetProperty("headHash").GetString()!, Reason = json.GetProperty("reason").GetString()!,
            CreatedAt = DateTime.Parse(json.GetProperty("createdAt").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
            PreviousHash = json.GetProperty("previousHash").GetString()!, KeyId = json.GetProperty("keyId").GetString()!,
            TreeRoot = json.GetProperty("treeRoot").GetString(),
        };

        Assert.Equal(text, Encoding.UTF8.GetString(checkpoint.CanonicalText()));
        Assert.Equal(hash, checkpoint.ComputeHash());
        Assert.Contains($"{Encoding.UTF8.GetByteCount(text)} bytes", Document);
        Assert.Equal(Convert.ToHexStringLower(MerkleHash.Leaf(checkpoint.HeadHash)), checkpoint.TreeRoot);
        Assert.Equal(lines.Single(l => l.StartsWith("SHA-256: ", StringComparison.Ordinal))["SHA-256: ".Length..].Trim(), checkpoint.HeadHash);
    }

    [Fact]
    public async Task The_worked_tree_and_proof_are_what_the_code_computes()
    {
        var hashes = Enumerable.Range(1, 5).Select(i => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes($"event {i}")))).ToList();
        var leaves = hashes.ConvertAll(MerkleHash.Leaf);
        var exported = new LeafRuns();
        exported.Add(2);
        exported.Add(5);
        var proof = new List<string>();
        await InclusionProof.WriteAsync(new Tree.InMemoryTree(leaves), exported, entry =>
        {
            proof.Add($"{{\"start\":{entry.Start},\"size\":{entry.Size},\"hash\":\"{Convert.ToHexStringLower(entry.Hash)}\"}}");
            return Task.CompletedTask;
        }, CancellationToken.None);

        for (var i = 0; i < 5; i++) Assert.Contains($"event {i + 1}: {hashes[i]}\n", Document);
        Assert.Contains($"tree root: {Convert.ToHexStringLower(MerkleHash.Root(leaves))}\n", Document);
        Assert.Contains("```text\n" + string.Join("\n", proof) + "\n```", Document);
    }

    [Fact]
    public void The_document_lists_every_action_and_subject_kind_the_console_records()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "src", "AccessConsole.Web"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        var actions = sources.SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text, "\"((?:access|approval|bulk|audit|reason-code|service-credential|schedule|rule|notice)\\.[a-z-]+)\"")
            .Select(m => m.Groups[1].Value)).ToHashSet();
        var kinds = sources.SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text, "SubjectKind\\w* = \"([A-Za-z]+)\"").Select(m => m.Groups[1].Value))
            .Concat(Enum.GetNames<AccessConsole.Web.Access.SubjectKind>()).ToHashSet();

        Assert.True(actions.Count >= 15, string.Join(", ", actions));
        var undocumented = actions.Where(a => !Document.Contains($"| `{a}` |", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, "Actions not in the document: " + string.Join(", ", undocumented));
        Assert.True(kinds.Count >= 8, string.Join(", ", kinds));
        var unlisted = kinds.Where(k => !Document.Contains($"| `{k}` |", StringComparison.Ordinal)).ToList();
        Assert.True(unlisted.Count == 0, "Subject kinds not in the document: " + string.Join(", ", unlisted));
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
        await File.WriteAllTextAsync(Path.Combine(folder, export.Manifest.ProofFile), export.Proof);
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
