namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>
/// One app and one browser for all the tests of a class. It starts when the first test asks for it, not when the
/// fixture is built, so that a missing Chromium skips (or, with E2E_REQUIRED=1, fails) each test with the reason.
/// </summary>
public sealed class SharedBrowserApp : IAsyncDisposable
{
    private readonly Lazy<Task<BrowserApp>> app = new(() => BrowserApp.StartAsync());

    public Task<BrowserApp> GetAsync() => app.Value;

    public async ValueTask DisposeAsync()
    {
        if (app.IsValueCreated && app.Value.IsCompletedSuccessfully) await app.Value.Result.DisposeAsync();
    }
}
