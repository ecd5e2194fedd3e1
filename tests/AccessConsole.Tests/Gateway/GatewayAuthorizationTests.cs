using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Data;
using AccessConsole.Web.Gateway.Credentials;
using AccessConsole.Web.Gateway.Decisions;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Gateway;

public sealed class GatewayAuthorizationTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private static readonly DecisionBatch AnyQuestion = new([new DecisionItem(new string('a', 64), null, null)]);

    public async ValueTask InitializeAsync() => factory = await ConsoleFactory.WithDemoDataAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-console-secret")]
    [InlineData("Bearer acgw_thisIsWellFormedButNobodyIssuedIt0000000000000")]
    public async Task Missing_malformed_or_unknown_credentials_are_401(string? authorization)
    {
        var client = factory.CreateClient();
        if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var decisions = await client.PostAsJsonAsync("/api/v1/decisions", AnyQuestion);
        var changes = await client.GetAsync("/api/v1/changes?after=0");

        Assert.Equal(HttpStatusCode.Unauthorized, decisions.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, changes.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_console_user_without_a_credential_is_401()
    {
        var client = await factory.SignedInClientAsync("Ada", Roles.Admin);

        var response = await client.PostAsJsonAsync("/api/v1/decisions", AnyQuestion);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_credential_is_401_and_a_valid_one_is_answered()
    {
        var secret = await factory.CreateCredentialAsync();
        var client = factory.GatewayHttpClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/decisions", AnyQuestion)).StatusCode);

        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync())
        {
            var id = await db.ServiceCredentials.Select(c => c.Id).SingleAsync();
            var service = new ServiceCredentialService(factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(),
                new TestActor("Ada Admin", Roles.Admin), TimeProvider.System, factory.Services.GetRequiredService<ServiceCredentialCache>());
            Assert.True(await service.RevokeAsync(id));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/decisions", AnyQuestion)).StatusCode);
    }

    [Fact]
    public async Task Creating_and_revoking_credentials_is_audited_and_keeps_only_the_hash()
    {
        var secret = await factory.CreateCredentialAsync("edge gateway eu-1");
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();

        var credential = await db.ServiceCredentials.SingleAsync();
        Assert.Equal(ServiceCredentialService.Hash(secret), credential.SecretHash);
        Assert.DoesNotContain(secret, credential.DisplayPrefix + credential.Name);
        var created = await db.AuditEvents.SingleAsync(e => e.Action == "service-credential.create");
        Assert.Equal("edge gateway eu-1", created.SubjectName);
        Assert.DoesNotContain(secret, created.Details);
    }

    [Fact]
    public async Task Non_admins_cannot_manage_credentials()
    {
        var service = new ServiceCredentialService(factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(),
            new TestActor("Alex", Roles.AccountManager, Roles.Legal), TimeProvider.System, factory.Services.GetRequiredService<ServiceCredentialCache>());

        await Assert.ThrowsAsync<ForbiddenException>(() => service.CreateAsync("sneaky"));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.ListAsync());
    }

    [Fact]
    public async Task Past_the_per_credential_limit_the_answer_is_429()
    {
        await using var limited = new ConsoleFactory(await TestDatabase.DemoCopyAsync());
        limited.Settings["Gateway:RequestsPerSecondPerCredential"] = "2";
        var client = limited.GatewayHttpClient(await limited.CreateCredentialAsync());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await client.PostAsJsonAsync("/api/v1/decisions", AnyQuestion)).StatusCode);

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
