using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Security;

namespace AccessConsole.Tests.Bulk;

/// <summary>The bulk and approval pages are for the people who may change access, and no one else.</summary>
public sealed class BulkPageAccessTests : IAsyncLifetime
{
    private static readonly string[] Pages = ["/bulk", "/bulk/new", $"/bulk/{Guid.Empty}", "/approvals"];

    private ConsoleFactory factory = null!;

    public async ValueTask InitializeAsync() => factory = await ConsoleFactory.WithDemoDataAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Theory]
    [InlineData(Roles.AccountManager)]
    [InlineData(Roles.Admin)]
    public async Task Account_managers_and_admins_reach_every_page(string role)
    {
        var client = await factory.SignedInClientAsync("Pat " + role, role);
        foreach (var page in Pages)
        {
            var response = await client.GetAsync(page);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} on {page}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Legal)]
    public async Task Other_roles_are_sent_to_the_no_access_page(string role)
    {
        var client = await factory.SignedInClientAsync("Pat " + role, role);
        foreach (var page in Pages)
        {
            var response = await client.GetAsync(page);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/no-access", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task Anonymous_is_sent_to_sign_in()
    {
        var client = factory.AnonymousClient();
        foreach (var page in Pages)
        {
            var response = await client.GetAsync(page);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/dev-signin", response.Headers.Location!.PathAndQuery);
        }
    }
}
