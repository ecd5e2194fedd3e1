using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Security;

public sealed class PageAccessTests : IAsyncLifetime
{
    private static readonly string[] CustomerPages = ["/", "/organizations", "/integrations"];

    private ConsoleFactory factory = null!;

    public async ValueTask InitializeAsync() => factory = await ConsoleFactory.WithDemoDataAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Anonymous_is_sent_to_sign_in_from_every_page()
    {
        var client = factory.AnonymousClient();
        foreach (var page in CustomerPages)
        {
            var response = await client.GetAsync(page);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/dev-signin", response.Headers.Location!.PathAndQuery);
        }
    }

    [Theory]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Legal)]
    [InlineData(Roles.AccountManager)]
    [InlineData(Roles.Admin)]
    public async Task Every_role_reaches_the_customer_pages(string role)
    {
        var client = await factory.SignedInClientAsync("Pat " + role, role);
        foreach (var page in CustomerPages)
        {
            var response = await client.GetAsync(page);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} on {page}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_person_without_a_role_gets_the_no_access_page()
    {
        var client = await factory.SignedInClientAsync("Norah Norole");

        var response = await client.GetAsync("/organizations");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/no-access", response.Headers.Location!.PathAndQuery);

        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("none of the roles", page);
        Assert.DoesNotContain("Northwind", page);
    }

    [Fact]
    public async Task An_organization_page_shows_its_keys_masked_and_never_the_secret()
    {
        var client = await factory.SignedInClientAsync("Sam", Roles.Support);
        var secret = DemoKeys.Secret("northwind-benchmarks");
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        var organization = await db.Organizations.SingleAsync(o => o.Name == DemoCatalog.RivalLab);

        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/organizations/{organization.Id}"));

        Assert.Contains(DemoCatalog.RivalLab, html);
        Assert.Contains(KeyFormat.Mask(KeyFormat.DisplayPrefixOf(secret), KeyFormat.LastFourOf(secret)), html);
        Assert.DoesNotContain(secret, html);
        Assert.DoesNotContain(secret[..30], html);
    }

    [Fact]
    public async Task Development_sign_in_refuses_an_empty_name()
    {
        var client = factory.AnonymousClient();
        var form = await client.GetStringAsync("/account/dev-signin");
        var token = SignIn.AntiforgeryTokenIn(form);

        var response = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("name", "  "), new("role", Roles.Admin)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=name", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/organizations")).StatusCode);
    }

    [Fact]
    public async Task Development_sign_in_without_the_antiforgery_token_is_refused()
    {
        var client = factory.AnonymousClient();

        var response = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent([new("name", "Mallory"), new("role", Roles.Admin)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
