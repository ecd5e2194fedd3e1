using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>The ids of the demo data's organizations and integrations, by name, so that tests can build their addresses.</summary>
public sealed class DemoDirectory(IReadOnlyDictionary<string, Guid> organizations, IReadOnlyDictionary<string, Guid> integrations)
{
    public static async Task<DemoDirectory> ReadAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        return new DemoDirectory(
            await db.Organizations.ToDictionaryAsync(o => o.Name, o => o.Id),
            await db.Integrations.ToDictionaryAsync(i => i.Name, i => i.Id));
    }

    public Guid Organization(string name) => organizations[name];

    public Guid Integration(string name) => integrations[name];
}
