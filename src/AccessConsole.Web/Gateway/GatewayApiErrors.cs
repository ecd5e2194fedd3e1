using Microsoft.AspNetCore.WebUtilities;

namespace AccessConsole.Web.Gateway;

/// <summary>
/// Under <c>/api</c>, a wrong route is 404 and a wrong method 405, as problem details, before the console's sign-in can
/// turn them into a redirect; a request the server cannot read is problem details too, never an error page.
/// </summary>
public static class GatewayApiErrors
{
    private const string Prefix = "/api";

    public static void UseGatewayApiErrors(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Prefix), branch => branch.Use(AnswerAsync));

    private static async Task AnswerAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsGatewayEndpoint(context.GetEndpoint()))
        {
            await WrongRouteOrMethod(context).ExecuteAsync(context);
            return;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Problem(exception.StatusCode).ExecuteAsync(context);
        }
    }

    private static bool IsGatewayEndpoint(Endpoint? endpoint) =>
        endpoint is RouteEndpoint route && ("/" + route.RoutePattern.RawText?.TrimStart('/')).StartsWith(Prefix + "/", StringComparison.Ordinal);

    // Routing leaves no endpoint for a gateway route asked with another method (the console's catch-all routes keep it
    // from making its own 405), so the methods are looked up here. The gateway's routes are literal paths.
    private static IResult WrongRouteOrMethod(HttpContext context)
    {
        var path = context.Request.Path.Value!.TrimEnd('/');
        var allowed = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => IsGatewayEndpoint(e) && string.Equals("/" + e.RoutePattern.RawText!.Trim('/'), path, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct()
            .ToList();
        if (allowed.Count == 0) return Problem(StatusCodes.Status404NotFound);
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Problem(StatusCodes.Status405MethodNotAllowed);
    }

    private static IResult Problem(int status) => Results.Problem(statusCode: status, title: ReasonPhrases.GetReasonPhrase(status));
}
