using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Data;
using AccessConsole.Web.Gateway;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>Makes access changes in a test app through the real service, as an account manager.</summary>
public static class Changes
{
    public static AccessChangeService ChangeService(this ConsoleFactory factory, string name = "Alex Manager") => new(
        factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(),
        new TestActor(name, Roles.AccountManager),
        factory.Services.GetRequiredService<TimeProvider>(),
        factory.Services.GetRequiredService<AccessChangeSignal>());

    public static async Task<AccessChangeResult> ChangeAsync(this ConsoleFactory factory, SubjectRef subject, ChangeKind kind,
        string reason, Restriction? restriction = null, bool fullAccess = false)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        var version = (await SubjectStore.LoadAsync(db, subject, CancellationToken.None))!.Entity.AccessVersion;
        var result = await factory.ChangeService().ChangeAsync(new AccessChangeRequest
        {
            Subject = subject, Kind = kind, ExpectedVersion = version, ReasonCode = reason,
            Justification = "A justification long enough for the rules.", Restriction = restriction, RestoreFullAccess = fullAccess,
        });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return result;
    }

    public static async Task<SubjectRef> OrganizationAsync(this ConsoleFactory factory, string name)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        return new(SubjectKind.Organization, await db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());
    }

    public static async Task<SubjectRef> IntegrationAsync(this ConsoleFactory factory, string name)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        return new(SubjectKind.Integration, await db.Integrations.Where(i => i.Name == name).Select(i => i.Id).SingleAsync());
    }

    public static async Task<SubjectRef> UseAsync(this ConsoleFactory factory, string organization, string integration)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        var id = await db.OrganizationIntegrations
            .Where(oi => db.Organizations.Any(o => o.Id == oi.OrganizationId && o.Name == organization)
                && db.Integrations.Any(i => i.Id == oi.IntegrationId && i.Name == integration))
            .Select(oi => oi.Id).SingleAsync();
        return new(SubjectKind.OrganizationIntegration, id);
    }

    public static async Task<Guid> KeyIdAsync(this ConsoleFactory factory, string name)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        return await db.ApiKeys.Where(k => k.Name == name).Select(k => k.Id).SingleAsync();
    }
}
