using AccessConsole.Web.Access;
using AccessConsole.Web.DemoData;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>Whole secrets of named demo keys, recomputed from the demo seed.</summary>
public static class DemoKeys
{
    public static string Secret(string keyName, CredentialKind kind = CredentialKind.ApiKey) =>
        DemoSecrets.For(new DemoDataOptions().Seed, keyName, kind);
}
