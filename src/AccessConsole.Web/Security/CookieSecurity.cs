namespace AccessConsole.Web.Security;

/// <summary>
/// Whether the console's cookies carry the Secure flag: always outside Development; in Development as the request
/// came (so that the app also runs on plain http://localhost).
/// </summary>
public sealed class CookieSecurity(bool isDevelopment)
{
    public CookieSecurePolicy Policy => isDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public bool IsSecure(HttpRequest request) => !isDevelopment || request.IsHttps;
}
