namespace AccessConsole.Web.Security;

/// <summary>
/// Outside Development the console's cookies (session, sign-in, antiforgery) travel over TLS only, so a page reached
/// over plain HTTP could show but never submit a form. Such a request gets a page that says why and what to set,
/// instead of a failure deep inside a form post. Health probes and the gateway API keep their own answers.
/// </summary>
public static class HttpsRequirement
{
    public const string Message =
        "AccessConsole must be reached over HTTPS: its sign-in and form cookies are sent over TLS only. " +
        "If a reverse proxy or load balancer ends TLS in front of it, set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true " +
        "for the console so that it reads X-Forwarded-Proto (and X-Forwarded-For) from the proxy; otherwise serve it over HTTPS.";

    public static IApplicationBuilder UseHttpsRequirement(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var exempt = context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/readyz")
            || context.Request.Path.StartsWithSegments("/api");
        if (context.Request.IsHttps || exempt)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(Message);
    });
}
