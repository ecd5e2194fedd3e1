using System.Net;
using System.Security.Claims;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Security;

public sealed class SessionTests
{
    [Fact]
    public async Task A_session_ends_after_its_lifetime_even_while_in_use()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var factory = await ConsoleFactory.WithDemoDataAsync(services => services.AddSingleton<TimeProvider>(clock));
        var client = await factory.SignedInClientAsync("Sam", Roles.Support);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/organizations")).StatusCode);
        clock.Advance(TimeSpan.FromHours(7));
        // Used shortly before the end: a sliding session would now be renewed, this one is not.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/organizations")).StatusCode);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var response = await client.GetAsync("/organizations");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AuthenticationSetup.DevSignInPath, response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public void A_session_is_current_until_its_end_and_a_principal_without_an_end_is_not()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        var settings = new AuthenticationSettings { SessionLifetime = TimeSpan.FromHours(8) };
        var session = new ConsoleSession(settings, clock);
        var (principal, properties) = session.Create("oid-1", "Ada", [Roles.AccountManager, "NotARole"]);

        Assert.Equal(clock.GetUtcNow() + settings.SessionLifetime, properties.ExpiresUtc);
        Assert.False(properties.AllowRefresh);
        Assert.Equal([Roles.AccountManager], Actor.From(principal).Roles);
        Assert.True(session.IsCurrent(principal));
        clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.True(session.IsCurrent(principal));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(session.IsCurrent(principal));
        Assert.False(session.IsCurrent(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "no end")], "test"))));
    }

    [Fact]
    public async Task Open_circuits_check_the_session_end_through_the_apps_authentication_state()
    {
        await using var factory = await ConsoleFactory.WithDemoDataAsync();
        using var scope = factory.Services.CreateScope();

        Assert.IsType<SessionRevalidation>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
    }
}
