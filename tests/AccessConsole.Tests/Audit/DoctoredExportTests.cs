using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Audit;

/// <summary>
/// The shipped verifier against exports doctored as an attacker would, each time with the manifest's count and SHA-256
/// fixed to match: it must say NOT VERIFIED with the reason, in one line, and exit 1.
/// </summary>
public sealed class DoctoredExportTests : IAsyncLifetime
{
    private string python = null!;
    private ConsoleFactory factory = null!;
    private ExportDownload whole = null!;
    private ExportDownload revokes = null!;

    public async ValueTask InitializeAsync()
    {
        python = AuditFormatDocumentTests.PythonPath() ?? throw new InvalidOperationException("python3 is needed to run the shipped verifier.");
        factory = await ConsoleFactory.WithDemoDataAsync();
        Assert.All(await factory.RevokeKeysAsync(4), r => Assert.True(r.Succeeded));
        var legal = await factory.SignedInClientAsync("Lee Legal", Roles.Legal);
        whole = await ExportDownload.PostAsync(legal, "format=jsonl");
        revokes = await ExportDownload.PostAsync(legal, "format=jsonl&action=access.revoke");
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_untouched_exports_verify()
    {
        Assert.Equal(0, (await RunAsync(whole)).ExitCode);
        Assert.Equal(0, (await RunAsync(revokes)).ExitCode);
    }

    [Fact]
    public async Task A_whole_log_export_with_its_last_events_cut_off_is_refused()
    {
        var cut = Doctor(whole, lines => lines.SkipLast(3).ToList());

        await AssertRefusedAsync(cut, "events are missing at the end");
    }

    [Fact]
    public async Task A_line_with_a_second_justification_member_is_refused()
    {
        var forged = Doctor(whole, lines => Replace(lines, 2, l => l.Replace(",\"ticketReference\":", ",\"justification\":\"Approved by legal.\",\"ticketReference\":")));

        await AssertRefusedAsync(forged, "a member appears twice (justification)");
    }

    [Fact]
    public async Task A_line_not_in_the_canonical_form_is_refused_though_its_hash_still_matches()
    {
        var spaced = Doctor(whole, lines => Replace(lines, 1, l => l.Replace("{\"sequence\":", "{\"sequence\": ")));

        await AssertRefusedAsync(spaced, "is not written in the canonical form");
    }

    [Fact]
    public async Task A_genuine_event_slipped_into_a_filtered_export_it_does_not_match_is_refused()
    {
        var other = whole.Lines.First(l => !l.Contains("\"action\":\"access.revoke\"") && Sequence(l) > Sequence(revokes.Lines[0]) && Sequence(l) < Sequence(revokes.Lines[^1]));
        var slipped = Doctor(revokes, lines => lines.Append(other).OrderBy(Sequence).ToList());

        await AssertRefusedAsync(slipped, $"event {Sequence(other)} does not belong to this export: its action is not access.revoke");
    }

    [Fact]
    public async Task A_forged_event_in_a_filtered_export_is_refused_by_the_signed_tree_root()
    {
        // The last event rewritten and sealed again with a hash of its own: every line checks, and it still matches the filter.
        var forged = Doctor(revokes, lines => Replace(lines, lines.Count - 1, l => Reseal(WithJustification(l, "Approved by the customer in writing."))));

        await AssertRefusedAsync(forged, "the events and their inclusion proof do not give the tree root the checkpoint signed");
    }

    [Fact]
    public async Task An_event_invented_in_a_gap_of_a_filtered_export_is_refused_by_its_proof()
    {
        var exported = revokes.Lines.Select(Sequence).ToHashSet();
        var gap = Enumerable.Range(2, (int)Sequence(revokes.Lines[^1]) - 2).Select(i => (long)i)
            .First(s => !exported.Contains(s - 1) && !exported.Contains(s) && !exported.Contains(s + 1));
        var template = revokes.Lines[0];
        var invented = Reseal("{\"sequence\":" + gap + template[template.IndexOf(',')..]);

        var slipped = Doctor(revokes, lines => lines.Append(invented).OrderBy(Sequence).ToList());

        await AssertRefusedAsync(slipped, "the inclusion proof does not fit the events");
    }

    [Fact]
    public async Task A_proof_edited_to_fit_a_forged_event_is_refused()
    {
        var lines = revokes.Proof.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        var proof = string.Concat(lines.Select((l, i) => (i == 0 ? l[..^66] + new string('0', 64) + "\"}" : l) + "\n"));
        var manifest = JsonNode.Parse(revokes.ManifestJson)!.AsObject();
        manifest["proofSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(proof)));
        var edited = revokes with { Proof = proof, ManifestJson = manifest.ToJsonString() };
        var unfixed = revokes with { Proof = proof };

        await AssertRefusedAsync(edited, "do not give the tree root the checkpoint signed");
        await AssertRefusedAsync(unfixed, "the inclusion proof is not the one the manifest describes");
    }

    [Fact]
    public async Task A_genuine_export_names_the_consoles_key_for_the_other_side_to_compare()
    {
        var consolesKey = factory.Services.GetRequiredService<CheckpointService>().PublicKeyPem;
        var (exit, output) = await RunAsync(whole);

        Assert.True(exit == 0, output);
        Assert.Contains($"key {whole.Manifest.Checkpoint.KeyId}", output);
        Assert.Equal(consolesKey, whole.PublicKeyPem);
    }

    [Fact]
    public async Task A_manifest_edited_after_it_was_signed_is_refused()
    {
        var edited = whole with { ManifestJson = whole.ManifestJson.Replace("\"exportedBy\": \"Lee Legal\"", "\"exportedBy\": \"Pat Partner\"") };
        Assert.NotEqual(whole.ManifestJson, edited.ManifestJson);

        await AssertRefusedAsync(edited, "the manifest's signature is not valid");
    }

    [Fact]
    public async Task A_manifest_resigned_with_another_key_is_refused_by_its_checkpoint()
    {
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var manifest = Encoding.UTF8.GetBytes(whole.ManifestJson);
        var resigned = whole with
        {
            ManifestSignature = forger.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
            PublicKeyPem = forger.ExportSubjectPublicKeyInfoPem(),
        };

        await AssertRefusedAsync(resigned, "the checkpoint's signature is not valid");
    }

    [Theory]
    [InlineData("{\"sequence\":", "line 2 is not valid JSON")]
    [InlineData("", "does not hold the 26 members")]
    public async Task A_malformed_line_gets_one_clear_line_and_no_traceback(string replacement, string message)
    {
        var broken = Doctor(whole, lines => Replace(lines, 1, l => replacement.Length > 0 ? replacement : l[..l.LastIndexOf(",\"hash\":", StringComparison.Ordinal)] + "}"));

        var (exit, output) = await RunAsync(broken);

        Assert.Equal(1, exit);
        Assert.Contains(message, output);
        Assert.DoesNotContain("Traceback", output);
        Assert.Single(output.Trim().Split('\n'));
    }

    private async Task<(int ExitCode, string Output)> RunAsync(ExportDownload export) => await AuditFormatDocumentTests.RunAsync(python, export);

    private async Task AssertRefusedAsync(ExportDownload export, string reason)
    {
        var (exit, output) = await RunAsync(export);
        Assert.True(exit == 1, output);
        Assert.StartsWith("NOT VERIFIED:", output.Trim());
        Assert.Contains(reason, output);
    }

    private static string WithJustification(string line, string text) =>
        System.Text.RegularExpressions.Regex.Replace(line, "\"justification\":(null|\"[^\"]*\")", $"\"justification\":\"{text}\"");

    /// <summary>The line with its hash member made to fit its content, as a forger would.</summary>
    private static string Reseal(string line)
    {
        var canonical = line[..line.LastIndexOf(",\"hash\":\"", StringComparison.Ordinal)] + "}";
        return canonical[..^1] + $",\"hash\":\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}\"}}";
    }

    private static long Sequence(string line) => long.Parse(line["{\"sequence\":".Length..line.IndexOf(',')].Trim());

    private static List<string> Replace(List<string> lines, int index, Func<string, string> change)
    {
        var copy = lines.ToList();
        copy[index] = change(copy[index]);
        return copy;
    }

    /// <summary>The export with its lines changed, and the manifest's count, last event and SHA-256 made to match, as a forger would.</summary>
    private static ExportDownload Doctor(ExportDownload export, Func<List<string>, List<string>> change)
    {
        var lines = change(export.Lines.ToList());
        var data = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
        var manifest = JsonNode.Parse(export.ManifestJson)!.AsObject();
        manifest["count"] = lines.Count;
        manifest["sha256"] = Convert.ToHexStringLower(SHA256.HashData(data));
        manifest["bytes"] = data.Length;
        var last = lines[^1];
        if (last.StartsWith("{\"sequence\":", StringComparison.Ordinal) && last.Contains(",\"hash\":\"", StringComparison.Ordinal))
        {
            manifest["lastSequence"] = Sequence(last);
            manifest["lastHash"] = last[(last.LastIndexOf(",\"hash\":\"", StringComparison.Ordinal) + 9)..^2];
        }
        return export with { Data = data, ManifestJson = manifest.ToJsonString() };
    }
}
