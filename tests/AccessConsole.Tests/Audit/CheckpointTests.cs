using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Audit.Verification;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Audit;

/// <summary>
/// Signed checkpoints against an attacker with write access to the database, who drops the triggers first: a log cut
/// short, or rewritten and resealed, is consistent in itself, and the checkpoints (and their witness outside the
/// database) catch it with no hand-noted anchor.
/// </summary>
public sealed class CheckpointTests : IAsyncLifetime
{
    private readonly string witnessFolder = Path.Combine(TestDatabase.Folder, $"witness-{Guid.NewGuid():N}");
    private ConsoleFactory factory = null!;

    /// <summary>The checkpoints the demo's history signed (one at each of legal's exports) before the test began.</summary>
    private int seeded;

    /// <summary>The number the test's first checkpoint gets.</summary>
    private long First => seeded + 1;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        factory.Settings["Audit:Checkpoints:WitnessFolder"] = witnessFolder;
        factory.StartHost();
        // The demo was seeded before this witness folder existed: give it the copies it would hold had it been there.
        var witness = factory.Services.GetRequiredService<CheckpointWitness>();
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync())
        {
            var existing = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Number).ToListAsync();
            foreach (var checkpoint in existing) await witness.WriteAsync(checkpoint, CancellationToken.None);
            seeded = existing.Count;
        }
        Assert.True((await VerifyAsync()).IsIntact);
        Assert.All(await factory.RevokeKeysAsync(6), r => Assert.True(r.Succeeded));
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private CheckpointService Checkpoints => factory.Services.GetRequiredService<CheckpointService>();

    private Task<CheckpointVerification> VerifyAsync() => factory.Services.GetRequiredService<CheckpointVerifier>().VerifyAsync(CancellationToken.None);

    [Fact]
    public async Task A_checkpoint_signs_the_head_links_to_the_one_before_and_is_witnessed()
    {
        var events = await factory.EventsAsync();

        var first = await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);
        Assert.All(await factory.RevokeKeysAsync(1), r => Assert.True(r.Succeeded));
        var second = await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);

        Assert.Equal((First, events[^1].Sequence, events[^1].Hash), (first.Number, first.HeadSequence, first.HeadHash));
        Assert.Equal((First + 1, first.Hash), (second.Number, second.PreviousHash));
        Assert.True(second.HeadSequence > first.HeadSequence);
        Assert.Equal(seeded + 2, Directory.GetFiles(witnessFolder, "checkpoint-*.json").Length);
        var verified = await VerifyAsync();
        Assert.True(verified.IsIntact, verified.Summary);
        Assert.Equal($"{seeded + 2:N0} signed checkpoints hold; the latest covers events 1–{second.HeadSequence:N0}, and the witness agrees.", verified.Summary);
    }

    [Fact]
    public async Task A_schedule_signs_nothing_new_when_the_log_has_not_grown()
    {
        await Checkpoints.CreateAsync(CheckpointService.Scheduled, onlyIfGrown: true, CancellationToken.None);

        var again = await Checkpoints.CreateAsync(CheckpointService.Scheduled, onlyIfGrown: true, CancellationToken.None);

        Assert.Null(again);
        Assert.Equal(seeded + 1, (await VerifyAsync()).Count);
    }

    [Fact]
    public async Task Events_cut_off_before_the_latest_checkpoint_are_caught()
    {
        var checkpoint = await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);
        await TamperAsync($"DELETE FROM AuditEvents WHERE Sequence >= {checkpoint.HeadSequence - 2};");

        var chain = await factory.VerifyAsync();
        var verified = await VerifyAsync();

        Assert.True(chain.IsIntact, "The chain alone cannot show that its end was cut off.");
        Assert.False(verified.IsIntact);
        Assert.Contains($"Checkpoint {First} signed event {checkpoint.HeadSequence}, which the log no longer holds: events were removed.", verified.Problems);
    }

    [Fact]
    public async Task A_log_rewritten_and_resealed_before_the_latest_checkpoint_is_caught()
    {
        var checkpoint = await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);
        var events = await factory.EventsAsync();
        await using (var connection = await factory.OpenAsync())
        {
            await connection.ExecuteAsync(AuditTriggers.SqliteDrop);
            var previousHash = events[5].Hash;
            foreach (var e in events.Skip(6))
            {
                if (e.Sequence == 7) e.Justification = "Approved by the board.";
                AuditChain.Seal(e, e.Sequence, previousHash);
                previousHash = e.Hash;
                await connection.ExecuteAsync($"DELETE FROM AuditEvents WHERE Sequence = {e.Sequence};");
                await using var insert = connection.InsertCommand();
                await insert.InsertAsync(e);
            }
        }

        var chain = await factory.VerifyAsync();
        var verified = await VerifyAsync();

        Assert.True(chain.IsIntact, chain.Summary);
        Assert.Contains($"Checkpoint {First} signed event {checkpoint.HeadSequence} with another hash: the log was rewritten up to there.", verified.Problems);
    }

    [Fact]
    public async Task Checkpoints_removed_from_the_database_with_the_events_they_signed_are_caught_by_the_witness()
    {
        var checkpoint = await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);
        await TamperAsync($"""
            DELETE FROM AuditCheckpoints;
            DELETE FROM AuditEvents WHERE Sequence >= {checkpoint.HeadSequence - 1};
            """);

        var verified = await VerifyAsync();

        Assert.Contains($"The witness holds checkpoint {First}, which the database does not.", verified.Problems);
        Assert.Contains($"Checkpoint {First} signed event {checkpoint.HeadSequence}, which the log no longer holds: events were removed.", verified.Problems);
    }

    [Fact]
    public async Task A_checkpoint_edited_in_the_database_fails_its_hash_and_signature()
    {
        await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);
        await TamperAsync("UPDATE AuditCheckpoints SET HeadSequence = HeadSequence - 1;");

        var verified = await VerifyAsync();

        Assert.Contains($"Checkpoint {First} does not match its hash.", verified.Problems);
        Assert.Contains($"Checkpoint {First} differs from the witness's copy.", verified.Problems);
    }

    [Theory]
    [InlineData("UPDATE AuditCheckpoints SET Reason = 'x';")]
    [InlineData("DELETE FROM AuditCheckpoints;")]
    [InlineData("INSERT OR REPLACE INTO AuditCheckpoints SELECT * FROM AuditCheckpoints;")]
    public async Task With_the_triggers_in_place_checkpoints_cannot_be_changed(string sql)
    {
        await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);
        await using var connection = await factory.OpenAsync();

        var refused = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(sql));

        Assert.Contains(AuditTriggers.CheckpointRefusalMessage, refused.Message);
        Assert.True((await VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Verify_audit_prints_the_checkpoints_answer_and_exits_1_when_they_fail()
    {
        var checkpoint = await Checkpoints.CreateAsync(CheckpointService.OnDemand, CancellationToken.None);
        var output = new StringWriter();
        Assert.Equal(0, await new VerifyAuditVerb(output, new StringWriter()).RunAsync(factory.Services, []));
        Assert.Contains($"{First:N0} signed checkpoints hold", output.ToString());

        await TamperAsync($"DELETE FROM AuditEvents WHERE Sequence = {checkpoint.HeadSequence};");
        var broken = new StringWriter();
        var exit = await new VerifyAuditVerb(broken, new StringWriter()).RunAsync(factory.Services, []);

        Assert.Equal(VerifyAuditVerb.Broken, exit);
        Assert.Contains("Checkpoints do not hold", broken.ToString());
    }

    [Fact]
    public async Task The_public_key_is_served_to_legal_and_not_to_support()
    {
        var legal = await factory.SignedInClientAsync("Lee Legal", Roles.Legal);
        var support = await factory.SignedInClientAsync("Sam Support", Roles.Support);

        var pem = await legal.GetStringAsync(CheckpointSetup.PublicKeyPath);
        var refused = await support.GetAsync(CheckpointSetup.PublicKeyPath);

        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem);
        Assert.Equal(Checkpoints.PublicKeyPem, pem);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, refused.StatusCode);
    }

    private async Task TamperAsync(string sql)
    {
        await using var connection = await factory.OpenAsync();
        await connection.ExecuteAsync(AuditTriggers.SqliteDrop);
        await connection.ExecuteAsync(sql);
    }
}
