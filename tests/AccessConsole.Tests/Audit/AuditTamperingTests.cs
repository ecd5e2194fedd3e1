using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Verification;
using Microsoft.Data.Sqlite;

namespace AccessConsole.Tests.Audit;

/// <summary>
/// Each test tampers with a copy of a real database (the demo history plus changes made through the access
/// service), with the triggers dropped as an attacker with database rights would, and the verifier must name
/// the first bad sequence.
/// </summary>
public sealed class AuditTamperingTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        factory.StartHost();
        Assert.All(await factory.RevokeKeysAsync(10), r => Assert.True(r.Succeeded));
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_untouched_log_is_intact_with_its_count_and_head_hash()
    {
        var events = await factory.EventsAsync();

        var result = await factory.VerifyAsync();

        Assert.True(result.IsIntact, result.Summary);
        Assert.Equal(events.Count, result.Count);
        Assert.Equal(events[^1].Hash, result.HeadHash);
        Assert.Equal($"Intact: {events.Count:N0} events, head hash {events[^1].Hash}.", result.Summary);
        Assert.Equal(result.Summary, (await VerifyInSmallRangesAsync()).Summary);
    }

    [Fact]
    public async Task An_edited_field_is_found_at_its_sequence()
    {
        await TamperAsync("UPDATE AuditEvents SET Justification = 'Approved by the board.' WHERE Sequence = 7;");

        await AssertBrokenAsync(7, ChainFault.Edited);
    }

    [Fact]
    public async Task A_deleted_event_is_found_as_missing()
    {
        await TamperAsync("DELETE FROM AuditEvents WHERE Sequence = 6;");

        await AssertBrokenAsync(6, ChainFault.Missing);
    }

    [Fact]
    public async Task A_deleted_event_hidden_by_renumbering_is_found_as_missing()
    {
        await TamperAsync("""
            DELETE FROM AuditEvents WHERE Sequence = 6;
            UPDATE AuditEvents SET Sequence = -(Sequence - 1) WHERE Sequence > 6;
            UPDATE AuditEvents SET Sequence = -Sequence WHERE Sequence < 0;
            """);

        await AssertBrokenAsync(6, ChainFault.Missing);
    }

    [Fact]
    public async Task An_inserted_event_sealed_with_the_published_algorithm_is_found()
    {
        var events = await factory.EventsAsync();
        var forged = events[4];
        forged.EventId = Guid.NewGuid();
        forged.Justification = "Backdated approval.";
        AuditChain.Seal(forged, 6, events[4].Hash);
        await using var connection = await factory.OpenAsync();
        await connection.ExecuteAsync(AuditTriggers.SqliteDrop);
        await connection.ExecuteAsync("""
            UPDATE AuditEvents SET Sequence = -(Sequence + 1) WHERE Sequence >= 6;
            UPDATE AuditEvents SET Sequence = -Sequence WHERE Sequence < 0;
            """);
        await using (var insert = connection.InsertCommand()) await insert.InsertAsync(forged);

        await AssertBrokenAsync(6, ChainFault.Inserted);
    }

    [Fact]
    public async Task Two_swapped_events_are_found_as_reordered()
    {
        await TamperAsync("""
            UPDATE AuditEvents SET Sequence = -1 WHERE Sequence = 8;
            UPDATE AuditEvents SET Sequence = 8 WHERE Sequence = 11;
            UPDATE AuditEvents SET Sequence = 11 WHERE Sequence = -1;
            """);

        await AssertBrokenAsync(8, ChainFault.Reordered);
    }

    [Fact]
    public async Task Two_adjacent_swapped_events_are_found_as_reordered()
    {
        await TamperAsync("""
            UPDATE AuditEvents SET Sequence = -1 WHERE Sequence = 9;
            UPDATE AuditEvents SET Sequence = 9 WHERE Sequence = 10;
            UPDATE AuditEvents SET Sequence = 10 WHERE Sequence = -1;
            """);

        await AssertBrokenAsync(9, ChainFault.Reordered);
    }

    [Fact]
    public async Task Events_cut_off_the_end_pass_the_chain_alone_and_are_found_against_a_recorded_head()
    {
        var head = (await factory.EventsAsync())[^1];
        await TamperAsync($"DELETE FROM AuditEvents WHERE Sequence >= {head.Sequence - 1};");

        var alone = await factory.VerifyAsync();
        var anchored = await AuditVerifier.VerifyChainAsync(factory.Contexts(), CancellationToken.None, new RecordedEvent(head.Sequence, head.Hash));

        Assert.True(alone.IsIntact, "A hash chain cannot show that its end was cut off; the recorded head can.");
        Assert.Equal((head.Sequence - 1, ChainFault.Missing), (anchored.Break!.Sequence, anchored.Break.Fault));
    }

    [Fact]
    public async Task A_log_rewritten_and_resealed_from_some_event_on_is_found_against_a_recorded_head()
    {
        var events = await factory.EventsAsync();
        var head = new RecordedEvent(events[^1].Sequence, events[^1].Hash);
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

        var alone = await factory.VerifyAsync();
        var anchored = await AuditVerifier.VerifyChainAsync(factory.Contexts(), CancellationToken.None, head);

        Assert.True(alone.IsIntact, "A chain resealed from some event on is consistent in itself; the recorded head is not.");
        Assert.Equal((head.Sequence, ChainFault.Edited), (anchored.Break!.Sequence, anchored.Break.Fault));
        Assert.Contains("rewritten and the chain resealed", anchored.Summary);
    }

    [Fact]
    public async Task With_the_triggers_in_place_update_and_delete_are_refused()
    {
        await using var connection = await factory.OpenAsync();

        var update = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("UPDATE AuditEvents SET Justification = 'x' WHERE Sequence = 3;"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("DELETE FROM AuditEvents WHERE Sequence = 3;"));

        Assert.Contains(AuditTriggers.RefusalMessage, update.Message);
        Assert.Contains(AuditTriggers.RefusalMessage, delete.Message);
        Assert.True((await factory.VerifyAsync()).IsIntact);
    }

    [Theory]
    [InlineData("INSERT OR REPLACE INTO AuditEvents SELECT * FROM AuditEvents WHERE Sequence = 3;")]
    [InlineData("REPLACE INTO AuditEvents SELECT * FROM AuditEvents WHERE Sequence = 3;")]
    [InlineData("INSERT INTO AuditEvents SELECT * FROM AuditEvents WHERE Sequence = 3 ON CONFLICT DO NOTHING;")]
    [InlineData("INSERT INTO AuditEvents SELECT * FROM AuditEvents WHERE Sequence = 3 ON CONFLICT(Sequence) DO UPDATE SET Justification = 'x';")]
    [InlineData("INSERT OR IGNORE INTO AuditEvents SELECT * FROM AuditEvents WHERE Sequence = 3;")]
    public async Task With_the_triggers_in_place_an_insert_over_an_existing_event_is_refused(string sql)
    {
        var before = await factory.EventsAsync();
        await using var connection = await factory.OpenAsync();
        // SQLite fires delete triggers for REPLACE only with recursive triggers on: an attacker turns them off.
        await connection.ExecuteAsync("PRAGMA recursive_triggers = OFF;");

        var refused = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(sql));

        Assert.Contains(AuditTriggers.RefusalMessage, refused.Message);
        Assert.Equal(before.Select(e => e.Hash), (await factory.EventsAsync()).Select(e => e.Hash));
        Assert.True((await factory.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task With_the_triggers_in_place_the_last_events_cannot_be_replaced_by_a_resealed_copy()
    {
        var events = await factory.EventsAsync();
        var last = events[^1];
        last.Justification = "Nothing happened here.";
        AuditChain.Seal(last, last.Sequence, events[^2].Hash);
        await using var connection = await factory.OpenAsync();
        await connection.ExecuteAsync("PRAGMA recursive_triggers = OFF;");

        var refused = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            "INSERT OR REPLACE INTO AuditEvents (Sequence, EventId, OccurredAt, ActorId, ActorName, ActorRoles, Action, Justification, PreviousHash, Hash) " +
            $"VALUES ({last.Sequence}, '{last.EventId.ToString().ToUpperInvariant()}', '2026-01-01 00:00:00', 'x', 'x', '', 'access.revoke', 'x', '{last.PreviousHash}', '{last.Hash}');"));

        Assert.Contains(AuditTriggers.RefusalMessage, refused.Message);
        Assert.Equal(events.Count, (await factory.VerifyAsync()).Count);
    }

    private async Task TamperAsync(string sql)
    {
        await using var connection = await factory.OpenAsync();
        await connection.ExecuteAsync(AuditTriggers.SqliteDrop);
        await connection.ExecuteAsync(sql);
    }

    private async Task AssertBrokenAsync(long sequence, ChainFault fault)
    {
        var result = await factory.VerifyAsync();

        Assert.False(result.IsIntact, "The tampered log verified.");
        Assert.True(result.Break!.Sequence == sequence && result.Break.Fault == fault, result.Summary);
        Assert.Equal(sequence - 1, result.Count);
        Assert.StartsWith($"Broken at sequence {sequence}: {fault.ToString().ToLowerInvariant()}.", result.Summary);
        Assert.Equal(result.Summary, (await VerifyInSmallRangesAsync()).Summary);
    }

    /// <summary>Ranges of a few events, so that the break and the events around it fall in different batches.</summary>
    private Task<ChainVerification> VerifyInSmallRangesAsync() =>
        AuditVerifier.VerifyChainAsync(factory.Contexts(), CancellationToken.None, rangeSize: 2);
}
