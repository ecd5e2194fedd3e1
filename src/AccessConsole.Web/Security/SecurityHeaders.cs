using AccessConsole.Web.Security.Entra;

namespace AccessConsole.Web.Security;

/// <summary>The headers every response carries, whatever produced it (page, endpoint, static file, error).</summary>
public sealed class SecurityHeaders
{
    private readonly string contentSecurityPolicy;

    public SecurityHeaders(EntraSettings? entra)
    {
        // Sign-out posts a form that the server redirects to the provider, and form-action also governs redirects.
        var formTargets = entra is null ? "'self'" : $"'self' {entra.AuthorityUri.GetLeftPart(UriPartial.Authority)}";
        contentSecurityPolicy = string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            // The UI libraries set inline styles (the console's reconnect dialog, Layout/ReconnectModal, needs none).
            "style-src 'self' 'unsafe-inline'",
            // data: for the empty favicon and the UI libraries' embedded images.
            "img-src 'self' data:",
            "font-src 'self'",
            // 'self' covers the circuit's WebSocket (ws/wss on this host).
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formTargets}",
            "frame-ancestors 'none'");
    }

    public string ContentSecurityPolicy => contentSecurityPolicy;

    public void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        // Pages show customers' data to a signed-in person: after sign-out, Back must not bring them out of a cache.
        // Static assets set their own caching.
        if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
    }
}

public static class SecurityHeadersMiddleware
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var headers = new SecurityHeaders(app.ApplicationServices.GetService<EntraSettings>());
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                headers.Apply(context.Response.Headers);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
