using System.Security.Claims;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// Components in front of the real app, on a private copy of the demo database: what a component injects comes from
/// the app's own container, and one signed-in person, made as sign-in makes them, is seen both by the services and
/// by the component's authorization (the app's own policies).
/// </summary>
public sealed class ConsoleComponents : UiComponents
{
    private readonly AsyncServiceScope appScope;

    private ConsoleComponents(DemoDatabase demo, SignedInPerson person)
    {
        Demo = demo;
        appScope = demo.Factory.Services.CreateAsyncScope();
        // bUnit stands in for authorization until told otherwise.
        Services.RemoveAll<IAuthorizationService>();
        Services.RemoveAll<IAuthorizationPolicyProvider>();
        Services.RemoveAll<AuthenticationStateProvider>();
        Services.AddAuthorizationCore(Policies.Add);
        Services.AddSingleton<AuthenticationStateProvider>(person);
        Services.AddCascadingAuthenticationState();
        Services.AddFallbackServiceProvider(appScope.ServiceProvider);
    }

    public DemoDatabase Demo { get; }

    /// <summary>Starts the app with a person of the given name and roles signed in.</summary>
    public static async Task<ConsoleComponents> StartAsync(string name, params string[] roles)
    {
        var person = new SignedInPerson();
        var demo = await DemoDatabase.OpenAsync(services => services.Replace(ServiceDescriptor.Singleton<AuthenticationStateProvider>(person)));
        var session = demo.Factory.Services.GetRequiredService<ConsoleSession>();
        person.User = session.Create("test:" + name.ToLowerInvariant().Replace(' ', '-'), name, roles).Principal;
        return new ConsoleComponents(demo, person);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await appScope.DisposeAsync();
        await Demo.DisposeAsync();
    }

    private sealed class SignedInPerson : AuthenticationStateProvider
    {
        public ClaimsPrincipal User { get; set; } = new();

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(User));
    }
}
