using Microsoft.AspNetCore.Components.Authorization;

namespace AccessConsole.Web.Security;

/// <summary>The signed-in person of the current circuit or request, as services see them.</summary>
public interface ICurrentActor
{
    Task<Actor> GetAsync();
}

public sealed class CurrentActor(AuthenticationStateProvider authentication) : ICurrentActor
{
    public async Task<Actor> GetAsync() => Actor.From((await authentication.GetAuthenticationStateAsync()).User);
}

/// <summary>The system itself, for work no person started (lifting timed changes).</summary>
public sealed class SystemActor : ICurrentActor
{
    public Task<Actor> GetAsync() => Task.FromResult(Actor.System);
}
