using System.Net;
using System.Text.Json;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Lookup;
using AccessConsole.Web.Security;
using AccessConsole.Web.Security.Entra;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Security;

/// <summary>No secret, token or whole API key reaches any log line, with every category logging at its most verbose.</summary>
public sealed class SecretsInLogsTests
{
    private static readonly string[] VerboseCategories = ["Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System"];

    [Fact]
    public async Task The_whole_Entra_sign_in_logs_no_code_token_or_client_secret()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        var log = new CapturingLoggerProvider();
        await using var factory = await ConsoleFactory.WithDemoDataAsync(services =>
        {
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(log);
            provider.TrustItsCertificate(services);
        });
        provider.Configure(factory);
        foreach (var category in VerboseCategories) factory.Settings[$"Logging:LogLevel:{category}"] = "Trace";
        factory.StartServer();
        using var client = EntraSignInFlow.BrowserLikeClient(provider);

        var answer = await EntraSignInFlow.SignInAsync(client, provider, TestOidcProvider.Manager, "/organizations");
        var page = await client.GetAsync($"{provider.AppBaseUrl}/organizations");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var secrets = new Dictionary<string, string>
        {
            ["authorization code"] = answer.Fields["code"],
            ["client secret"] = provider.ClientSecret,
            ["user's password"] = TestOidcProvider.Manager.Password,
        };
        var tokens = JsonDocument.Parse(Assert.Single(provider.TokenResponses)).RootElement;
        secrets["ID token"] = tokens.GetProperty("id_token").GetString()!;
        secrets["access token"] = tokens.GetProperty("access_token").GetString()!;
        Assert.All(secrets.Values, value => Assert.False(string.IsNullOrEmpty(value)));
        Assert.Contains(log.Lines, line => line.Contains("signed in with the roles AccountManager", StringComparison.Ordinal));
        AssertNoneLogged(log, secrets);
    }

    [Fact]
    public async Task A_lookup_by_whole_key_logs_no_part_of_the_key_beyond_its_display_prefix()
    {
        var log = new CapturingLoggerProvider();
        var secret = DemoKeys.Secret("northwind-benchmarks");
        await using var factory = await ConsoleFactory.WithDemoDataAsync(services =>
        {
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(log);
            services.AddScoped<ICurrentActor>(_ => new TestActor("Sam Support", Roles.Support));
        });
        foreach (var category in VerboseCategories) factory.Settings[$"Logging:LogLevel:{category}"] = "Trace";
        using var scope = factory.Services.CreateScope();

        var matches = await scope.ServiceProvider.GetRequiredService<LookupService>().SearchAsync(secret);

        Assert.Equal(MatchedOn.WholeKey, Assert.Single(matches).MatchedOn);
        AssertNoneLogged(log, new Dictionary<string, string>
        {
            ["whole key"] = secret,
            // Anything past the display prefix is secret; a fragment this long would narrow the key down.
            ["key past its display prefix"] = secret[AccessConsole.Web.ApiKeys.KeyFormat.DisplayPrefixLength..],
        });
    }

    private static void AssertNoneLogged(CapturingLoggerProvider log, IReadOnlyDictionary<string, string> secrets)
    {
        Assert.NotEmpty(log.Lines);
        foreach (var (what, value) in secrets)
        {
            var leaks = log.Lines.Where(line => line.Contains(value, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"The {what} appears in {leaks.Count} log line(s), the first: {leaks.FirstOrDefault()}");
        }
    }
}
