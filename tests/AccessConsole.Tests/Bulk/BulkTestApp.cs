using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Bulk;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.Data;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Bulk;

/// <summary>
/// A private copy of the demo database behind the real app, with its background work off (jobs run only when a test
/// runs them), a clock the test moves, and the bulk and approval services on behalf of chosen people.
/// </summary>
public sealed class BulkTestApp : IAsyncDisposable
{
    public static readonly Actor Alex = new("test:alex", "Alex Manager", [Roles.AccountManager]);
    public static readonly Actor Blair = new("test:blair", "Blair Manager", [Roles.AccountManager]);
    public static readonly Actor Ada = new("test:ada", "Ada Admin", [Roles.Admin]);
    public static readonly Actor Sam = new("test:sam", "Sam Support", [Roles.Support]);

    private BulkTestApp(ConsoleFactory factory, StepClock clock)
    {
        Factory = factory;
        Clock = clock;
        Contexts = factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>();
    }

    public ConsoleFactory Factory { get; }

    public StepClock Clock { get; }

    public IDbContextFactory<AccessConsoleDbContext> Contexts { get; }

    public DateTime Today => Clock.GetUtcNow().UtcDateTime.Date;

    public ChangeJobRunner Runner => Factory.Services.GetRequiredService<ChangeJobRunner>();

    public ApprovalExpiry Expiry => Factory.Services.GetRequiredService<ApprovalExpiry>();

    private ApprovalRules Rules => Factory.Services.GetRequiredService<ApprovalRules>();

    private ChangeJobSignal Signal => Factory.Services.GetRequiredService<ChangeJobSignal>();

    public static async Task<BulkTestApp> StartAsync(params (string Key, string Value)[] settings)
    {
        var clock = new StepClock(DateTime.UtcNow);
        var factory = await ConsoleFactory.WithDemoDataAsync(services => services.AddSingleton<TimeProvider>(clock));
        factory.Settings["BulkJobs:RunInBackground"] = "false";
        factory.Settings["TimedLifts:Enabled"] = "false";
        foreach (var (key, value) in settings) factory.Settings[key] = value;
        factory.StartHost();
        Assert.Same(clock, factory.Services.GetRequiredService<TimeProvider>());
        return new BulkTestApp(factory, clock);
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    public BulkChangeService BulkFor(Actor actor) => new(Contexts, new TestActor(actor), Clock, Rules, Signal);

    public BulkJobService JobsFor(Actor actor) => new(Contexts, new TestActor(actor), Clock, Rules, Signal);

    private ApprovalNotifier Notifier => Factory.Services.GetRequiredService<ApprovalNotifier>();

    public ApprovalService ApprovalsFor(Actor actor) => new(Contexts, new TestActor(actor), Clock, Expiry, Runner, Signal, Notifier);

    /// <summary>The access service as the app registers it: with the approval rules.</summary>
    public AccessChangeService ChangesFor(Actor actor) =>
        new(Contexts, new TestActor(actor), Clock, Factory.Services.GetRequiredService<AccessChangeSignal>(), Rules);

    public ApprovalGate GateFor(Actor actor) => new(Contexts, new TestActor(actor), Clock, ChangesFor(actor), Rules, Notifier);

    public static AccessChangeRequest Terms(ChangeKind kind, string reason = StandardReasonCodes.CompetingProduct, Restriction? restriction = null,
        DateTime? until = null) => new()
    {
        Subject = default, Kind = kind, ExpectedVersion = 0, ReasonCode = reason, Restriction = restriction, Until = until,
        Justification = "Applied to the whole segment after review.", TicketReference = "BULK-1",
    };

    /// <summary>Previews the segment, then submits the change with the count seen, as a person on the page does.</summary>
    public async Task<BulkSubmitResult> SubmitAsync(Actor actor, Segment segment, AccessChangeRequest terms, bool askForApproval = false)
    {
        var service = BulkFor(actor);
        var preview = await service.PreviewAsync(segment, 0, 10);
        Assert.True(preview.Errors.Count == 0, string.Join("; ", preview.Errors.Values));
        return await service.SubmitAsync(new BulkSubmission(segment, terms, preview.Impact!.Subjects, askForApproval));
    }

    /// <summary>Submits and expects a queued job (no approval needed).</summary>
    public async Task<Guid> SubmitQueuedAsync(Actor actor, Segment segment, AccessChangeRequest terms)
    {
        var result = await SubmitAsync(actor, segment, terms);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}")));
        Assert.False(result.SentForApproval, "expected no approval to be needed");
        return result.JobId!.Value;
    }

    public async Task<Guid> OrganizationIdAsync(string name)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();
    }

    public async Task<Guid> IntegrationIdAsync(string name)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Integrations.Where(i => i.Name == name).Select(i => i.Id).SingleAsync();
    }

    public async Task<ChangeJob> JobAsync(Guid id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.ChangeJobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }

    public async Task<List<ChangeJobItem>> ItemsAsync(Guid jobId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.ChangeJobItems.AsNoTracking().Where(i => i.JobId == jobId).OrderBy(i => i.Position).ToListAsync();
    }

    public async Task<List<AuditEvent>> EventsAsync(Guid correlationId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().Where(e => e.CorrelationId == correlationId).OrderBy(e => e.Sequence).ToListAsync();
    }

    public async Task<long> AuditHeadAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.AuditEvents.MaxAsync(e => e.Sequence);
    }

    public async Task<LoadedSubject> SubjectAsync(SubjectRef subject)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return (await SubjectStore.LoadAsync(db, subject, CancellationToken.None))!;
    }

    /// <summary>A single change made directly (no approval rule may apply), as a given person.</summary>
    public async Task<AccessChangeResult> ChangeAsync(Actor actor, SubjectRef subject, AccessChangeRequest terms)
    {
        var version = (await SubjectAsync(subject)).Entity.AccessVersion;
        var result = await ChangesFor(actor).ChangeAsync(terms with { Subject = subject, ExpectedVersion = version });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result;
    }
}

/// <summary>A clock that starts at a given time and moves only when the test moves it.</summary>
public sealed class StepClock(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; set; } = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);

    public void Advance(TimeSpan by) => UtcNow += by;

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);
}
