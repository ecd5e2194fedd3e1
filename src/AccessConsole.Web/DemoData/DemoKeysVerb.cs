using AccessConsole.Web.Access;
using AccessConsole.Web.Hosting;

namespace AccessConsole.Web.DemoData;

/// <summary>
/// <c>demo-keys [--seed N]</c>: prints the whole (fictional) secrets of the demo's named keys, so that a person
/// walking the scenarios can paste a whole key into the lookup. The database never holds them.
/// </summary>
public sealed class DemoKeysVerb : ICommandLineVerb
{
    public static IReadOnlyList<(string Name, CredentialKind Kind, string Scenario)> NamedKeys { get; } =
    [
        ("northwind-general-prod", CredentialKind.ApiKey, "1: general key of the rival lab"),
        ("northwind-benchmarks", CredentialKind.ApiKey, "1: benchmarking key of the rival lab"),
        ("northwind-safety-evals", CredentialKind.ApiKey, "1: safety-evaluation key of the rival lab"),
        ("helix-dev-team", CredentialKind.ApiKey, "2: key used through Glide IDE"),
        ("slipstream-prod", CredentialKind.ApiKey, "3: the coding-tool vendor's key"),
        ("pinecrest-subscription", CredentialKind.SubscriptionOAuth, "4: subscription token used through OpenHarness"),
        ("pinecrest-api", CredentialKind.ApiKey, "4: API key of the same customer"),
        ("meridian-prod", CredentialKind.ApiKey, "6: key of the organization in dispute"),
        ("kestrel-prod", CredentialKind.ApiKey, "7: the key that stopped working"),
        ("kestrel-staging", CredentialKind.ApiKey, "7: a key of the same customer that still works"),
    ];

    public string Name => "demo-keys";

    public string Usage => "demo-keys [--seed 20261121]";

    public Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var options = CommandLineVerbs.Options(args);
        var seed = new DemoDataOptions().Seed;
        if (options.TryGetValue("seed", out var text) && !int.TryParse(text, out seed))
        {
            Console.Error.WriteLine($"--seed must be a whole number, not '{text}'.\nusage: {Usage}");
            return Task.FromResult(2);
        }
        Console.WriteLine("Fictional demo keys (scenario: what the key is). Paste one into the lookup.");
        foreach (var (name, kind, scenario) in NamedKeys)
        {
            Console.WriteLine($"{name,-24} {DemoSecrets.For(seed, name, kind)}  ({scenario})");
        }
        return Task.FromResult(0);
    }
}
