using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.Lookup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Lookup;

/// <summary>On SQLite the key look-ups run as plain SQL; they must answer exactly what the compiled queries answer.</summary>
public sealed class SqliteLookupsTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private IDbContextFactory<AccessConsoleDbContext> contexts = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        contexts = factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>();
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Every_key_hash_and_prefix_finds_what_the_compiled_query_finds()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var keys = await db.ApiKeys.Select(k => new { k.SecretHash, k.DisplayPrefix }).ToListAsync();
        Assert.NotEmpty(keys);

        foreach (var key in keys)
        {
            Assert.Equal(await LookupQueries.KeysByHash.For(db)(db, key.SecretHash).ToListAsync(), await SqliteLookups.KeysByHashAsync(db, key.SecretHash, default));
        }
        var prefixes = keys.SelectMany(k => new[] { 3, 8, 14, 18, KeyFormat.DisplayPrefixLength }.Select(n => k.DisplayPrefix[..n]))
            .Concat(["sk-", "sk-ant-", "sk-ant-api03-", "sk-zzz", "sk-ant-oat01-\uffff"]).Distinct();
        foreach (var prefix in prefixes)
        {
            var range = PrefixRange.Of(prefix);
            Assert.Equal(await LookupQueries.KeysByPrefix.For(db)(db, range.From, range.To).ToListAsync(), await SqliteLookups.KeysByPrefixAsync(db, range, default));
        }
        Assert.Empty(await SqliteLookups.KeysByHashAsync(db, KeyFormat.Hash("not a key"), default));
    }
}
