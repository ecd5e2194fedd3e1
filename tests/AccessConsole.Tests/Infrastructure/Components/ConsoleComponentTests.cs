namespace AccessConsole.Tests.Infrastructure;

/// <summary>Component tests in front of the real app: each test on its own demo copy, with one person signed in.</summary>
public abstract class ConsoleComponentTests(string person, params string[] roles) : IAsyncLifetime
{
    protected ConsoleComponents App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await ConsoleComponents.StartAsync(person, roles);
        await StartedAsync();
    }

    /// <summary>What a test class looks up once the app runs.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
