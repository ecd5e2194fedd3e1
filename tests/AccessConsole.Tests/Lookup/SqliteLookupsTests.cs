using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Lookup;

/// <summary>On SQLite the look-ups run as plain SQL; they must answer exactly what the compiled queries answer.</summary>
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

    [Fact]
    public async Task Every_name_and_domain_prefix_finds_what_the_compiled_queries_find()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var names = await db.Organizations.Select(o => o.Name).ToListAsync();
        var domains = await db.OrganizationDomains.Select(d => d.Domain).ToListAsync();
        var texts = names.Concat(domains).SelectMany(t => new[] { 1, 2, 4, t.Length }.Where(n => n <= t.Length).Select(n => t[..n]))
            .Concat(["zzzz", "É", "a\uffff", "nobody-here.example"]).Distinct();

        foreach (var text in texts)
        {
            var name = PrefixRange.Of(Organization.Normalize(text));
            var domain = PrefixRange.Of(text.ToLowerInvariant());
            List<LookupMatch> expected =
            [
                .. await LookupQueries.OrganizationsByName.For(db)(db, name.From, name.To).ToListAsync(),
                .. await LookupQueries.OrganizationsByDomain.For(db)(db, domain.From, domain.To).ToListAsync(),
            ];
            Assert.Equal(expected, await SqliteLookups.OrganizationsByNameAndDomainAsync(db, name, domain, default));
        }
    }
}
