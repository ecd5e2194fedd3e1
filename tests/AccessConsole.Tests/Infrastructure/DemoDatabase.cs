using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// A private copy of the demo database behind the real app (its background lifter off, so that only the test
/// lifts), a controllable clock, and the look-ups that tests of access changes share.
/// </summary>
public sealed class DemoDatabase : IAsyncDisposable
{
    private DemoDatabase(ConsoleFactory factory)
    {
        Factory = factory;
        Contexts = factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>();
    }

    public ConsoleFactory Factory { get; }

    public IDbContextFactory<AccessConsoleDbContext> Contexts { get; }

    public TestClock Clock { get; } = TestClock.AtRealNow();

    public static async Task<DemoDatabase> OpenAsync(Action<IServiceCollection>? configure = null)
    {
        var factory = await ConsoleFactory.WithDemoDataAsync(configure);
        factory.Settings["TimedLifts:Enabled"] = "false";
        return new DemoDatabase(factory);
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    /// <summary>The access service on behalf of a person; an account manager unless roles are given.</summary>
    public AccessChangeService ChangesBy(string name, params string[] roles) =>
        new(Contexts, new TestActor(name, roles.Length == 0 ? [Roles.AccountManager] : roles), Clock);

    /// <summary>Contexts on the same database whose commands pass through the given interceptors.</summary>
    public IDbContextFactory<AccessConsoleDbContext> ContextsWith(params IInterceptor[] interceptors) =>
        new AccessConsoleDbContextFactory(Factory.Services.GetRequiredService<DatabaseOptions>(), AppContext.BaseDirectory, interceptors);

    public async Task<SubjectRef> OrganizationAsync(string name)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return new SubjectRef(SubjectKind.Organization, await db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());
    }

    public async Task<SubjectRef> KeyAsync(string name)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return new SubjectRef(SubjectKind.ApiKey, await db.ApiKeys.Where(k => k.Name == name).Select(k => k.Id).SingleAsync());
    }

    public async Task<Guid> IntegrationIdAsync(string name)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Integrations.Where(i => i.Name == name).Select(i => i.Id).SingleAsync();
    }

    /// <summary>The subject as stored now.</summary>
    public async Task<AccessSubject> ReadAsync(SubjectRef subject)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return (await SubjectStore.LoadAsync(db, subject, CancellationToken.None))!.Entity;
    }

    public async Task<int> VersionAsync(SubjectRef subject) => (await ReadAsync(subject)).AccessVersion;

    public async Task<int> AuditCountAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.AuditEvents.CountAsync();
    }

    /// <summary>The audit events about one subject, oldest first.</summary>
    public async Task<List<AuditEvent>> EventsAboutAsync(SubjectRef subject)
    {
        var id = subject.Id.ToString("D");
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().Where(e => e.SubjectId == id).OrderBy(e => e.Sequence).ToListAsync();
    }

    public async Task<List<AuditEvent>> AllEventsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <summary>What a refused change must leave as it was: the audit log's length and the subject's access columns.</summary>
    public async Task<string> SnapshotAsync(SubjectRef subject)
    {
        var s = await ReadAsync(subject);
        return $"{await AuditCountAsync()} events; {AccessJson.Serialize(s.Access)}; v{s.AccessVersion}; "
            + $"{s.AccessReasonCode}; {s.AccessChangedBy}; {s.AccessChangedAt:O}; {s.AccessSetBySequence}; {s.AccessUndoSequence}";
    }
}
