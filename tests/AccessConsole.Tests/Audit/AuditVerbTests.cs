using System.Security.Cryptography;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Audit.Verification;
using AccessConsole.Web.Data;
using AccessConsole.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Audit;

/// <summary>The operators' verbs, run against the app's own services as <c>dotnet run -- verb</c> runs them.</summary>
public sealed class AuditVerbTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        factory.StartHost();
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public void The_verbs_are_registered_by_name()
    {
        Assert.IsType<VerifyAuditVerb>(CommandLineVerbs.Find(["verify-audit"]));
        Assert.IsType<ExportAuditVerb>(CommandLineVerbs.Find(["export-audit", "--format", "csv"]));
        Assert.IsType<SignCheckpointVerb>(CommandLineVerbs.Find(["sign-checkpoint"]));
    }

    [Fact]
    public async Task Sign_checkpoint_signs_the_head_with_its_tree_root_and_refuses_options()
    {
        var head = (await factory.EventsAsync())[^1];

        var exit = await new SignCheckpointVerb(output, error).RunAsync(factory.Services, []);
        var refused = await new SignCheckpointVerb(output, error).RunAsync(factory.Services, ["--now"]);

        Assert.True(exit == 0, error.ToString());
        var latest = (await factory.Services.GetRequiredService<CheckpointService>().LatestAsync(CancellationToken.None))!;
        Assert.Equal((head.Sequence, head.Hash, CheckpointService.OnDemand), (latest.HeadSequence, latest.HeadHash, latest.Reason));
        Assert.StartsWith($"Signed checkpoint {latest.Number} over events 1–{head.Sequence:N0}, head hash {head.Hash}, tree root {latest.TreeRoot} (", output.ToString());
        Assert.Equal(SignCheckpointVerb.Unusable, refused);
        Assert.Contains("usage: sign-checkpoint", error.ToString());
        Assert.Equal(latest.Number, (await factory.Services.GetRequiredService<CheckpointService>().LatestAsync(CancellationToken.None))!.Number);
    }

    [Fact]
    public async Task Verify_audit_prints_intact_and_exits_zero()
    {
        var events = await factory.EventsAsync();

        var exit = await new VerifyAuditVerb(output, error).RunAsync(factory.Services, []);

        Assert.Equal(0, exit);
        Assert.StartsWith($"Intact: {events.Count:N0} events, head hash {events[^1].Hash}.", output.ToString());
    }

    [Fact]
    public async Task Verify_audit_prints_the_break_and_exits_non_zero()
    {
        await using (var connection = await factory.OpenAsync())
        {
            await connection.ExecuteAsync(AuditTriggers.SqliteDrop);
            await connection.ExecuteAsync("UPDATE AuditEvents SET ActorName = 'Nobody' WHERE Sequence = 2;");
        }

        var exit = await new VerifyAuditVerb(output, error).RunAsync(factory.Services, []);

        Assert.Equal(VerifyAuditVerb.Broken, exit);
        Assert.StartsWith("Broken at sequence 2: edited.", output.ToString());
    }

    [Fact]
    public async Task Verify_audit_checks_a_recorded_head_when_given_one()
    {
        var head = (await factory.EventsAsync())[^1];
        var expect = $"{head.Sequence}:{head.Hash}";

        var intact = await new VerifyAuditVerb(output, error).RunAsync(factory.Services, ["--expect", expect]);
        var beyond = await new VerifyAuditVerb(output, error).RunAsync(factory.Services, ["--expect", $"{head.Sequence + 1}:{head.Hash}"]);
        var malformed = await new VerifyAuditVerb(output, error).RunAsync(factory.Services, ["--expect", "12:abc"]);

        Assert.Equal(0, intact);
        Assert.Equal(VerifyAuditVerb.Broken, beyond);
        Assert.Contains($"Broken at sequence {head.Sequence + 1}: missing.", output.ToString());
        Assert.Equal(VerifyAuditVerb.Unusable, malformed);
        Assert.Contains("usage: verify-audit", error.ToString());
    }

    [Fact]
    public async Task Export_audit_writes_the_file_and_its_manifest_and_is_audited_as_the_operator()
    {
        var path = Path.Combine(TestDatabase.Folder, $"{Guid.NewGuid():N}.jsonl");
        var before = (await factory.EventsAsync()).Count;

        var exit = await new ExportAuditVerb(output, error).RunAsync(factory.Services, ["--format", "jsonl", "--out", path, "--action", "access.revoke"]);

        Assert.True(exit == 0, error.ToString());
        var manifest = ExportManifest.FromJson(await File.ReadAllTextAsync(AuditExportService.ManifestPathFor(path)));
        var data = await File.ReadAllBytesAsync(path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), manifest.Sha256);
        Assert.Equal(new Dictionary<string, string> { ["action"] = "access.revoke" }, manifest.Filter);
        Assert.Equal((await factory.EventsAsync()).Take(before).Count(e => e.Action == "access.revoke"), manifest.Count);
        Assert.Contains($"Exported {manifest.Count:N0} events to {path}", output.ToString());
        Assert.Contains($"of which the inclusion proof ({manifest.ProofEntries:N0} lines)", output.ToString());
        Assert.Equal(Path.GetFileName(AuditExportService.ProofPathFor(path)), manifest.ProofFile);
        Assert.Equal(manifest.ProofEntries, (await File.ReadAllLinesAsync(AuditExportService.ProofPathFor(path))).Length);
        var exportEvent = (await factory.EventsAsync())[^1];
        Assert.Equal(AuditExportService.Action, exportEvent.Action);
        Assert.StartsWith("operator:", exportEvent.ActorId);
        Assert.Equal(manifest.ExportEventId, exportEvent.EventId);
    }

    [Fact]
    public async Task Export_audit_on_a_log_it_cannot_write_leaves_no_file_and_exits_with_a_message()
    {
        var path = Path.Combine(TestDatabase.Folder, $"{Guid.NewGuid():N}.jsonl");
        var before = await factory.EventsAsync();
        var readOnly = new DatabaseOptions { ConnectionString = TestDatabase.ConnectionString(factory.DatabasePath) + ";Mode=ReadOnly" };
        var readOnlyContexts = new AccessConsoleDbContextFactory(readOnly, AppContext.BaseDirectory);
        var checkpoints = new CheckpointService(readOnlyContexts, factory.Services.GetRequiredService<CheckpointSigningKey>(), new CheckpointWitness(null),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<CheckpointService>.Instance);
        var services = new ServiceCollection()
            .AddSingleton(new AuditExportService(readOnlyContexts, checkpoints, TimeProvider.System))
            .BuildServiceProvider();

        var exit = await new ExportAuditVerb(output, error).RunAsync(services, ["--format", "jsonl", "--out", path]);

        Assert.Equal(ExportAuditVerb.NotAudited, exit);
        Assert.Contains("its audit event could not be written", error.ToString());
        Assert.Empty(Directory.GetFiles(TestDatabase.Folder, Path.GetFileName(path) + "*"));
        Assert.Equal(before.Count, (await factory.EventsAsync()).Count);
    }

    [Theory]
    [InlineData(new[] { "--out", "x.csv" }, "--format must be 'csv' or 'jsonl'")]
    [InlineData(new[] { "--format", "csv" }, "--out must name the file")]
    [InlineData(new[] { "--format", "csv", "--out", "x.csv", "--from", "soon" }, "'from' must be a date")]
    [InlineData(new[] { "--format", "csv", "--out", "x.csv", "--colour", "red" }, "'colour' is not a filter")]
    public async Task Export_audit_refuses_bad_options_with_a_message(string[] args, string message)
    {
        var before = (await factory.EventsAsync()).Count;

        var exit = await new ExportAuditVerb(output, error).RunAsync(factory.Services, args);

        Assert.Equal(ExportAuditVerb.Unusable, exit);
        Assert.Contains(message, error.ToString());
        Assert.Contains("usage: export-audit", error.ToString());
        Assert.Equal(before, (await factory.EventsAsync()).Count);
    }

    [Fact]
    public async Task Export_audit_never_overwrites_a_file()
    {
        var path = Path.Combine(TestDatabase.Folder, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "evidence");

        var exit = await new ExportAuditVerb(output, error).RunAsync(factory.Services, ["--format", "csv", "--out", path]);

        Assert.Equal(ExportAuditVerb.Unusable, exit);
        Assert.Equal("evidence", await File.ReadAllTextAsync(path));
        Assert.Contains("never overwrites", error.ToString());
    }
}
