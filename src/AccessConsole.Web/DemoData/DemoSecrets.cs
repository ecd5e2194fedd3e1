using System.Security.Cryptography;
using System.Text;
using AccessConsole.Web.Access;
using AccessConsole.Web.ApiKeys;

namespace AccessConsole.Web.DemoData;

/// <summary>
/// The demo's fictional secrets, derived from the seed so that the generator never has to keep them: a person
/// walking the scenarios, or a test, can recompute the whole key of any named demo key.
/// </summary>
public static class DemoSecrets
{
    public static string For(int seed, string keyName, CredentialKind kind)
    {
        var a = SHA512.HashData(Encoding.UTF8.GetBytes($"{seed}:{keyName}:a"));
        var b = SHA512.HashData(Encoding.UTF8.GetBytes($"{seed}:{keyName}:b"));
        var body = Convert.ToBase64String([.. a, .. b]).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var marker = kind == CredentialKind.SubscriptionOAuth ? KeyFormat.OAuthMarker : KeyFormat.ApiKeyMarker;
        return marker + body[..KeyFormat.BodyLength];
    }
}
