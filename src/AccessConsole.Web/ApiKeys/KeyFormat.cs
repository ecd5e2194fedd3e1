using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AccessConsole.Web.ApiKeys;

/// <summary>
/// The shape of the provider's secrets: <c>sk-ant-api03-</c> (API keys) or <c>sk-ant-oat01-</c>
/// (subscription OAuth tokens) followed by 95 characters of base64url.
/// </summary>
public static partial class KeyFormat
{
    public const string ApiKeyMarker = "sk-ant-api03-";
    public const string OAuthMarker = "sk-ant-oat01-";
    public const int BodyLength = 95;
    public const int DisplayPrefixLength = 21;

    public static bool IsWholeKey(string text) => WholeKey().IsMatch(text);

    public static bool LooksLikeKeyPrefix(string text) => text.StartsWith("sk-", StringComparison.Ordinal) && KeyChars().IsMatch(text);

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string DisplayPrefixOf(string secret) => secret[..DisplayPrefixLength];

    public static string LastFourOf(string secret) => secret[^4..];

    public static string Mask(string displayPrefix, string lastFour) => $"{displayPrefix}…{lastFour}";

    [GeneratedRegex("^sk-ant-(api03|oat01)-[A-Za-z0-9_-]{95}$")]
    private static partial Regex WholeKey();

    [GeneratedRegex("^[A-Za-z0-9_-]{3,}$")]
    private static partial Regex KeyChars();
}
