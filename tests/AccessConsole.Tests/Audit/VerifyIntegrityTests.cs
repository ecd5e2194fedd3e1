using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Security;
using Bunit;

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

    private static string Result(IRenderedComponent<VerifyIntegrity> check) => check.Named("Integrity check result").Shown();
}
