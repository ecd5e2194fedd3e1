using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.HostileInput;

/// <summary>
/// The corpus replayed through the change dialog's service, the lookup and the bulk segment editor's service: each
/// input gets a clear message at its field (or a harmless answer), nothing throws, and nothing is written unless the
/// input was valid, in which case it is stored exactly as written.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;
    private SubjectRef organization;

    public async ValueTask InitializeAsync()
    {
        demo = await DemoDatabase.OpenAsync();
        organization = await demo.OrganizationAsync(DemoCatalog.RivalLab);
    }

    public async ValueTask DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public void The_corpus_holds_at_least_a_hundred_inputs() =>
        Assert.True(HostileCorpus.Texts.Count() * 3 + HostileCorpus.Caps.Count + HostileCorpus.UsagePatterns.Count >= 100);

    [Fact]
    public async Task A_refused_justification_gets_its_message_and_writes_nothing()
    {
        var failures = new List<string>();
        foreach (var (name, text) in HostileCorpus.RefusedTexts)
        {
            var before = await demo.SnapshotAsync(organization);
            var result = await ChangeAsync(text, requestsPerMinute: 100);
            if (result.Succeeded || !result.Errors.TryGetValue(ChangeFields.Justification, out var message) || string.IsNullOrWhiteSpace(message))
            {
                failures.Add($"{name}: {(result.Succeeded ? "accepted" : string.Join("; ", result.Errors))}");
            }
            if (await demo.SnapshotAsync(organization) != before) failures.Add($"{name}: the organization changed");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task An_accepted_justification_is_stored_exactly_as_written()
    {
        var failures = new List<string>();
        var cap = 100;
        foreach (var (name, text) in HostileCorpus.AcceptedTexts)
        {
            var result = await ChangeAsync(text, ++cap);
            if (!result.Succeeded)
            {
                failures.Add($"{name}: refused with {string.Join("; ", result.Errors)}");
                continue;
            }
            var stored = (await demo.EventsAboutAsync(organization)).Single(e => e.Sequence == result.AuditSequence).Justification;
            if (stored != text.Trim()) failures.Add($"{name}: stored as {stored}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_lookup_answers_every_input_with_a_message_or_matches_and_never_injects()
    {
        var lookup = new LookupService(demo.Contexts, new TestActor("Sam Support", Roles.Support));
        foreach (var (name, text) in HostileCorpus.Texts)
        {
            var problem = LookupService.InputProblem(text);
            var matches = await lookup.SearchAsync(text);

            Assert.True(matches.Count <= LookupService.MaxResults, name);
            if (problem is not null) Assert.Empty(matches);
            if (name.StartsWith("SQL", StringComparison.Ordinal) || name.StartsWith("LIKE", StringComparison.Ordinal)) Assert.Empty(matches);
        }
        Assert.NotNull(LookupService.InputProblem(new string('z', 1_000_000)));
    }

    [Fact]
    public async Task A_segment_listing_any_of_them_is_refused_at_the_list_and_previews_nothing()
    {
        var bulk = new BulkChangeService(demo.Contexts, new TestActor("Alex Account", Roles.AccountManager), demo.Clock,
            demo.Factory.Services.GetRequiredService<Web.Approvals.ApprovalRules>(), demo.Factory.Services.GetRequiredService<Web.Bulk.Jobs.ChangeJobSignal>());
        foreach (var (name, text) in HostileCorpus.Texts.Where(t => t.Text.Trim().Length > 0))
        {
            var segment = new Segment { Subjects = SegmentSubjects.Organizations, Organizations = [text] };

            var preview = await bulk.PreviewAsync(segment, 0, 25);

            Assert.True(preview.Errors.ContainsKey(SegmentFields.Organizations), $"{name}: {string.Join("; ", preview.Errors)}");
            Assert.Null(preview.Impact);
        }
    }

    [Fact]
    public void Caps_and_usage_patterns_at_and_beyond_their_limits_get_a_message_or_pass_within_them()
    {
        foreach (var cap in HostileCorpus.Caps)
        {
            var errors = AccessChangeValidator.Validate(Restrict("A justification long enough.", cap), demo.Clock.UtcNow);
            Assert.Equal(cap is < 1 or > AccessChangeValidator.CapMax, errors.ContainsKey(ChangeFields.RequestsPerMinute));
        }
        foreach (var (hours, minDays, days) in HostileCorpus.UsagePatterns)
        {
            var segment = new Segment { Subjects = SegmentSubjects.Organizations, Usage = new UsagePattern { MinHours = hours, MinDays = minDays, Days = days } };
            var valid = hours is >= 1 and <= 24 && days is >= 1 and <= SegmentValidator.MaxUsageDays && minDays >= 1 && minDays <= days;
            Assert.Equal(!valid, SegmentValidator.Validate(segment).ContainsKey(SegmentFields.Usage));
        }
    }

    private async Task<AccessChangeResult> ChangeAsync(string justification, int requestsPerMinute) =>
        await demo.ChangesBy("Alex Account").ChangeAsync(Restrict(justification, requestsPerMinute) with { ExpectedVersion = await demo.VersionAsync(organization) });

    private AccessChangeRequest Restrict(string justification, int requestsPerMinute) =>
        ChangeRequests.Restrict(organization, 0, new Restriction { RequestsPerMinute = requestsPerMinute }) with { Justification = justification };
}
