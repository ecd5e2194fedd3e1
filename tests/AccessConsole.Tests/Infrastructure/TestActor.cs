using AccessConsole.Web.Security;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>A fixed signed-in person, for calling services directly.</summary>
public sealed class TestActor(Actor actor) : ICurrentActor
{
    public TestActor(string name, params string[] roles) : this(new Actor("test:" + name.ToLowerInvariant(), name, roles)) { }

    public Actor Actor { get; } = actor;

    public Task<Actor> GetAsync() => Task.FromResult(Actor);
}
