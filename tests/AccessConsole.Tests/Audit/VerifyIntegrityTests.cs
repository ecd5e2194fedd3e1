using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Audit.Checkpoints;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Audit;

/// <summary>The Verify integrity button: it walks the whole chain and says intact with the count and head, or names the first bad event.</summary>
public sealed class VerifyIntegrityTests() : ConsoleComponentTests("Lee Legal", Roles.Legal)
{
    [Fact]
    public async Task The_untouched_log_is_intact_with_its_count_and_head_hash()
    {
        var events = await App.Demo.AllEventsAsync();
        var check = App.Render<VerifyIntegrity>();
        Assert.Equal("", Result(check));

        check.Button("Verify integrity").Click();

        check.WaitForAssertion(() => Assert.StartsWith(
            $"The audit log is intact Intact: {events.Count:N0} events, head hash {events[^1].Hash}. Checked in ", Result(check)));
        Assert.Equal(events.Count, (await App.Demo.AllEventsAsync()).Count);
    }

    [Fact]
    public async Task An_edited_event_is_named_as_the_first_bad_sequence()
    {
        await using (var connection = await App.Demo.Factory.OpenAsync())
        {
            await connection.ExecuteAsync(AuditTriggers.SqliteDrop);
            await connection.ExecuteAsync("UPDATE AuditEvents SET Justification = 'Approved by the board.' WHERE Sequence = 4;");
        }
        var check = App.Render<VerifyIntegrity>();

        check.Button("Verify integrity").Click();

        check.WaitForAssertion(() => Assert.StartsWith("The audit log does not verify Broken at sequence 4: edited.", Result(check)));
        Assert.DoesNotContain("intact", Result(check));
    }

    [Fact]
    public async Task A_deleted_event_is_named_as_missing()
    {
        await using (var connection = await App.Demo.Factory.OpenAsync())
        {
            await connection.ExecuteAsync(AuditTriggers.SqliteDrop);
            await connection.ExecuteAsync("DELETE FROM AuditEvents WHERE Sequence = 3;");
        }
        var check = App.Render<VerifyIntegrity>();

        check.Button("Verify integrity").Click();

        check.WaitForAssertion(() => Assert.StartsWith("The audit log does not verify Broken at sequence 3: missing.", Result(check)));
    }

    [Fact]
    public async Task A_checkpoint_that_no_longer_holds_fails_the_check_although_the_chain_is_consistent()
    {
        var signed = await App.Services.GetRequiredService<CheckpointService>().CreateAsync(CheckpointService.OnDemand, CancellationToken.None);
        await using (var connection = await App.Demo.Factory.OpenAsync())
        {
            await connection.ExecuteAsync(AuditTriggers.SqliteDrop);
            await connection.ExecuteAsync($"UPDATE AuditCheckpoints SET HeadSequence = HeadSequence - 1 WHERE Number = {signed.Number};");
        }
        var check = App.Render<VerifyIntegrity>();

        check.Button("Verify integrity").Click();

        check.WaitForAssertion(() => Assert.StartsWith("The audit log does not verify Intact: ", Result(check)));
        Assert.Contains($"Checkpoints do not hold: Checkpoint {signed.Number} does not match its hash.", Result(check));
    }

    [Fact]
    public async Task Signing_a_checkpoint_now_covers_the_head_and_a_second_press_signs_nothing_new()
    {
        var head = (await App.Demo.AllEventsAsync())[^1].Sequence;
        var check = App.Render<VerifyIntegrity>();

        check.Button("Sign a checkpoint now").Click();

        var latest = await App.Services.GetRequiredService<CheckpointService>().LatestAsync(CancellationToken.None);
        Assert.NotNull(latest);
        Assert.Equal((head, CheckpointService.OnDemand), (latest.HeadSequence, latest.Reason));
        check.WaitForAssertion(() => Assert.Equal($"Checkpoint {latest.Number:N0} signed over events 1–{head:N0}.", check.Named("Checkpoint result").Shown()));

        check.Button("Sign a checkpoint now").Click();

        check.WaitForAssertion(() => Assert.Equal(
            $"Checkpoint {latest.Number:N0} already covers every event (1–{head:N0}): nothing new to sign.", check.Named("Checkpoint result").Shown()));
        Assert.Equal(latest.Number, (await App.Services.GetRequiredService<CheckpointService>().LatestAsync(CancellationToken.None))!.Number);
        check.Button("Verify integrity").Click();
        check.WaitForAssertion(() => Assert.Contains($"signed checkpoints hold; the latest covers events 1–{head:N0}", Result(check)));
    }

    private static string Result(IRenderedComponent<VerifyIntegrity> check) => check.Named("Integrity check result").Shown();
}
