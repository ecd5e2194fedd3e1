using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Gateway.Credentials;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Tests.Gateway;

public sealed class ServiceCredentialCacheTests
{
    [Fact]
    public async Task Calls_arriving_together_with_a_new_credential_write_its_last_use_once()
    {
        await using var demo = await DemoDatabase.OpenAsync();
        var commands = new FailingCommand("no command contains this");
        var cache = new ServiceCredentialCache(demo.ContextsWith(commands), TimeProvider.System);
        var service = new ServiceCredentialService(demo.Contexts, new TestActor("Ada Admin", Roles.Admin), TimeProvider.System, cache);
        var (created, _) = await service.CreateAsync("busy gateway");
        var hash = ServiceCredentialService.Hash(created!.Secret);

        var found = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => cache.FindAsync(hash, default))));

        Assert.All(found, f => Assert.Equal(created.Id, f?.Id));
        Assert.Single(commands.Executed, c => c.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase));
        await using var db = await demo.Contexts.CreateDbContextAsync();
        Assert.NotNull((await db.ServiceCredentials.SingleAsync(c => c.Id == created.Id)).LastUsedAt);
    }

    [Fact]
    public async Task An_unknown_or_revoked_secret_is_not_found_and_nothing_is_written()
    {
        await using var demo = await DemoDatabase.OpenAsync();
        var commands = new FailingCommand("no command contains this");
        var cache = new ServiceCredentialCache(demo.ContextsWith(commands), TimeProvider.System);
        var service = new ServiceCredentialService(demo.Contexts, new TestActor("Ada Admin", Roles.Admin), TimeProvider.System, cache);
        var (created, _) = await service.CreateAsync("retired gateway");
        await service.RevokeAsync(created!.Id);

        Assert.Null(await cache.FindAsync(ServiceCredentialService.Hash(created.Secret), default));
        Assert.Null(await cache.FindAsync(ServiceCredentialService.Hash(ServiceCredentialService.SecretMarker + "unknown"), default));
        Assert.DoesNotContain(commands.Executed, c => c.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase));
    }
}
