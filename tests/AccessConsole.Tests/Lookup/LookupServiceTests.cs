using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Lookup;

public sealed class LookupServiceTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private IDbContextFactory<AccessConsoleDbContext> contexts = null!;
    private LookupService lookup = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        contexts = factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>();
        lookup = new LookupService(contexts, new TestActor("Sam Support", Roles.Support));
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_whole_key_finds_its_key_and_organization_by_hash()
    {
        var matches = await lookup.SearchAsync(DemoKeys.Secret("northwind-benchmarks"));

        var match = Assert.Single(matches);
        Assert.Equal(MatchedOn.WholeKey, match.MatchedOn);
        Assert.Equal(DemoCatalog.RivalLab, match.OrganizationName);
        Assert.Equal(KeyFormat.Mask(KeyFormat.DisplayPrefixOf(DemoKeys.Secret("northwind-benchmarks")), KeyFormat.LastFourOf(DemoKeys.Secret("northwind-benchmarks"))), match.MaskedKey);
    }

    [Fact]
    public async Task A_whole_key_surrounded_by_spaces_is_still_found()
    {
        var matches = await lookup.SearchAsync("  " + DemoKeys.Secret("kestrel-prod") + "\u0020");

        Assert.Equal(DemoCatalog.StoppedKeyOrganization, Assert.Single(matches).OrganizationName);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("\u2060")]
    [InlineData("\u00A0\u200B\n")]
    public async Task A_whole_key_pasted_with_invisible_characters_is_still_found_as_a_key(string around)
    {
        var pasted = around + DemoKeys.Secret("kestrel-prod") + around;

        var match = Assert.Single(await lookup.SearchAsync(pasted));

        Assert.Equal(MatchedOn.WholeKey, match.MatchedOn);
        Assert.True(KeyFormat.IsWholeKey(LookupService.Normalize(pasted)));
    }

    [Fact]
    public void A_search_over_its_length_limit_is_told_so()
    {
        var problem = LookupService.InputProblem(new string('a', LookupService.MaxInputLength + 1));

        Assert.Equal($"Search with at most {LookupService.MaxInputLength} characters (this has {LookupService.MaxInputLength + 1}).", problem);
        Assert.Null(LookupService.InputProblem(new string('a', LookupService.MaxInputLength)));
    }

    [Fact]
    public async Task A_well_formed_key_that_does_not_exist_finds_nothing()
    {
        var unknown = KeyFormat.ApiKeyMarker + new string('x', KeyFormat.BodyLength);

        Assert.Empty(await lookup.SearchAsync(unknown));
    }

    [Fact]
    public async Task A_key_prefix_finds_the_key()
    {
        var prefix = KeyFormat.DisplayPrefixOf(DemoKeys.Secret("kestrel-staging"))[..18];

        var matches = await lookup.SearchAsync(prefix);

        Assert.Contains(matches, m => m.MatchedOn == MatchedOn.KeyPrefix && m.OrganizationName == DemoCatalog.StoppedKeyOrganization);
        Assert.All(matches, m => Assert.StartsWith(prefix, m.MaskedKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_prefix_is_case_sensitive()
    {
        var prefix = KeyFormat.DisplayPrefixOf(DemoKeys.Secret("kestrel-staging"));
        var flipped = prefix[..^4] + new string(prefix[^4..].Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
        Assert.NotEqual(prefix, flipped);

        var matches = await lookup.SearchAsync(flipped);

        Assert.DoesNotContain(matches, m => m.MaskedKey!.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_organization_id_finds_the_organization()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var organization = await db.Organizations.SingleAsync(o => o.Name == DemoCatalog.DisputedOrganization);

        var match = Assert.Single(await lookup.SearchAsync(organization.Id.ToString()));

        Assert.Equal(MatchedOn.OrganizationId, match.MatchedOn);
        Assert.Equal(organization.Id, match.OrganizationId);
    }

    [Fact]
    public async Task A_key_id_finds_the_key()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var key = await db.ApiKeys.SingleAsync(k => k.Name == "meridian-prod");

        var match = Assert.Single(await lookup.SearchAsync(key.Id.ToString("D").ToUpperInvariant()));

        Assert.Equal(MatchedOn.KeyId, match.MatchedOn);
        Assert.Equal(key.Id, match.KeyId);
    }

    [Theory]
    [InlineData("northwind")]
    [InlineData("NORTHWIND ai")]
    [InlineData("Northwind AI Labs")]
    public async Task A_name_prefix_finds_the_organization_whatever_the_case(string text)
    {
        var matches = await lookup.SearchAsync(text);

        Assert.Contains(matches, m => m.MatchedOn == MatchedOn.OrganizationName && m.OrganizationName == DemoCatalog.RivalLab);
    }

    [Fact]
    public async Task A_domain_finds_the_organization()
    {
        var matches = await lookup.SearchAsync("kestrel-robotics.example");

        Assert.Equal(DemoCatalog.StoppedKeyOrganization, Assert.Single(matches).OrganizationName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no such customer anywhere")]
    [InlineData("'; DROP TABLE Organizations; --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("sk-ant-api03-' OR '1'='1")]
    [InlineData("null\0byte")]
    [InlineData("tab\there")]
    [InlineData("bell\u0007")]
    [InlineData("\uffff\uffff")]
    public async Task Unknown_or_hostile_input_finds_nothing_and_raises_nothing(string text)
    {
        Assert.Empty(await lookup.SearchAsync(text));
        await using var db = await contexts.CreateDbContextAsync();
        Assert.True(await db.Organizations.AnyAsync(), "the organizations are still there");
    }

    [Fact]
    public async Task Ten_thousand_characters_find_nothing() =>
        Assert.Empty(await lookup.SearchAsync(new string('a', 10_000)));

    [Fact]
    public async Task Null_finds_nothing() => Assert.Empty(await lookup.SearchAsync(null));

    [Fact]
    public async Task A_person_without_a_role_is_refused()
    {
        var noRole = new LookupService(contexts, new TestActor("Nobody"));

        await Assert.ThrowsAsync<ForbiddenException>(() => noRole.SearchAsync("northwind"));
    }
}
