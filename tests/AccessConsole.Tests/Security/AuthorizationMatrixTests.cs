using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Security;

/// <summary>
/// Every route of the app's own endpoint list, against anonymous, a person without a role and each role. The
/// expected answer is written once per route below; a route that is not in the table fails the test.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    public enum Expect
    {
        /// <summary>Everyone, signed in or not.</summary>
        Public,
        /// <summary>Anyone signed in, whatever their roles.</summary>
        SignedIn,
        ViewCustomers,
        ReadAudit,
        ChangeAccess,
        Administer,
        /// <summary>Only a gateway's service credential: every person is 401, signed in or not.</summary>
        GatewayCredential,
    }

    private enum Outcome
    {
        Allowed,
        SignInRequired,
        NoAccess,
    }

    private const string StaticAssets = "(static assets)";

    // Route pattern → who may use it. {organization} and {integration} in a sample path stand for demo ids.
    private static readonly Dictionary<string, (Expect Expect, string? Sample)> Routes = new()
    {
        ["/"] = (Expect.ViewCustomers, null),
        ["/organizations"] = (Expect.ViewCustomers, null),
        ["/organizations/{Id:guid}"] = (Expect.ViewCustomers, "/organizations/{organization}"),
        ["/integrations"] = (Expect.ViewCustomers, null),
        ["/integrations/{Id:guid}"] = (Expect.ViewCustomers, "/integrations/{integration}"),
        ["/bulk"] = (Expect.ChangeAccess, null),
        ["/bulk/new"] = (Expect.ChangeAccess, null),
        ["/bulk/{Id:guid}"] = (Expect.ChangeAccess, "/bulk/00000000-0000-0000-0000-000000000001"),
        ["/approvals"] = (Expect.ChangeAccess, null),
        // Support and Legal read the platform rules; proposing one is for those who may change access (refused in the service).
        ["/policies"] = (Expect.ViewCustomers, null),
        ["/policies/{Id:guid}"] = (Expect.ViewCustomers, "/policies/00000000-0000-0000-0000-000000000001"),
        ["/policies/requests/{JobId:guid}"] = (Expect.ViewCustomers, "/policies/requests/00000000-0000-0000-0000-000000000001"),
        ["/scheduled"] = (Expect.ChangeAccess, null),
        ["/audit"] = (Expect.ReadAudit, null),
        ["/audit/export"] = (Expect.ReadAudit, "/audit/export?format=jsonl"),
        ["/audit/public-key.pem"] = (Expect.ReadAudit, "/audit/public-key.pem"),
        ["/admin/reason-codes"] = (Expect.Administer, null),
        ["/admin/notice-templates"] = (Expect.Administer, null),
        ["/admin/service-credentials"] = (Expect.Administer, null),
        ["/api/v1/decisions"] = (Expect.GatewayCredential, null),
        ["/api/v1/changes"] = (Expect.GatewayCredential, null),
        ["/openapi/{documentName}.json"] = (Expect.Public, "/openapi/v1.json"),
        ["/account/signin"] = (Expect.Public, null),
        ["/account/dev-signin"] = (Expect.Public, null),
        ["/account/no-access"] = (Expect.Public, null),
        ["/account/signed-out"] = (Expect.Public, null),
        ["/account/signout"] = (Expect.Public, null),
        ["/account/signin/entra"] = (Expect.Public, null),
        ["/signin-oidc"] = (Expect.Public, null),
        ["/not-found"] = (Expect.Public, null),
        ["/error"] = (Expect.Public, null),
        ["/healthz"] = (Expect.Public, null),
        ["/readyz"] = (Expect.Public, null),
        ["/_blazor"] = (Expect.SignedIn, null),
        ["/_blazor/negotiate"] = (Expect.SignedIn, null),
        ["/_blazor/disconnect/"] = (Expect.SignedIn, null),
        ["/_blazor/initializers/"] = (Expect.SignedIn, null),
        ["/_framework/opaque-redirect"] = (Expect.SignedIn, null),
        [StaticAssets] = (Expect.Public, null),
        // Development's fallback for files not in the build's asset manifest: the real files above stay public.
        ["/{**path:file}"] = (Expect.SignedIn, "/no-such-file.txt"),
    };

    private static readonly (string Name, string[] Roles)?[] Actors =
    [
        null,
        ("Norah Norole", []),
        ("Sam Support", [Roles.Support]),
        ("Lee Legal", [Roles.Legal]),
        ("Ada Manager", [Roles.AccountManager]),
        ("Ash Admin", [Roles.Admin]),
    ];

    [Theory]
    [InlineData(AuthenticationMode.Development)]
    [InlineData(AuthenticationMode.Entra)]
    public async Task Every_route_answers_each_role_as_the_table_says(AuthenticationMode mode)
    {
        await using var factory = await ConsoleFactory.WithDemoDataAsync();
        if (mode == AuthenticationMode.Entra) ConfigureUnreachableEntra(factory);
        var client = factory.AnonymousClient();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var samples = await SampleIdsAsync(factory);

        var unlisted = endpoints.Select(RouteOf).Where(route => !Routes.ContainsKey(route)).Distinct().ToList();
        Assert.True(unlisted.Count == 0, "Routes without an expectation in the table: " + string.Join(", ", unlisted));

        var failures = new List<string>();
        foreach (var request in Requests(endpoints, samples))
        {
            foreach (var actor in Actors)
            {
                var cookie = actor is { } a ? SessionCookie.For(factory.Services, a.Name, a.Roles) : null;
                var outcome = await SendAsync(client, request.Method, request.Path, cookie, failures);
                var expected = ExpectedFor(request.Expect, actor?.Roles);
                if (outcome is { } actual && actual != expected)
                {
                    failures.Add($"{request.Method} {request.Path} as {actor?.Name ?? "anonymous"}: {actual}, expected {expected}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void ConfigureUnreachableEntra(ConsoleFactory factory)
    {
        factory.Settings["Authentication:Mode"] = nameof(AuthenticationMode.Entra);
        // Nothing listens there: the sign-in start and the callback must cope.
        factory.Settings["Authentication:Entra:Instance"] = "https://127.0.0.1:9/";
        factory.Settings["Authentication:Entra:TenantId"] = "00000000-0000-0000-0000-00000000000a";
        factory.Settings["Authentication:Entra:ClientId"] = "matrix-test";
        factory.Settings["Authentication:Entra:ClientSecret"] = "not-a-real-secret";
    }

    private static string RouteOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null ? StaticAssets : "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    private static IEnumerable<(string Method, string Path, Expect Expect)> Requests(IEnumerable<RouteEndpoint> endpoints, IReadOnlyDictionary<string, string> samples)
    {
        foreach (var endpoint in endpoints)
        {
            var route = RouteOf(endpoint);
            var (expect, sample) = Routes[route];
            var path = sample ?? (route == StaticAssets ? "/" + endpoint.RoutePattern.RawText!.TrimStart('/') : route);
            foreach (var (placeholder, id) in samples) path = path.Replace(placeholder, id, StringComparison.Ordinal);
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            foreach (var method in methods.Distinct()) yield return (method, path, expect);
        }
    }

    private static Outcome ExpectedFor(Expect expect, string[]? roles)
    {
        if (expect == Expect.GatewayCredential) return Outcome.SignInRequired;
        if (expect == Expect.Public) return Outcome.Allowed;
        if (roles is null) return Outcome.SignInRequired;
        if (expect == Expect.SignedIn) return Outcome.Allowed;
        return Policies.RolesFor[expect.ToString()].Any(roles.Contains) ? Outcome.Allowed : Outcome.NoAccess;
    }

    private static async Task<Outcome?> SendAsync(HttpClient client, string method, string path, string? cookie, List<string> failures)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        if (method != HttpMethods.Get && method != HttpMethods.Head) request.Content = new FormUrlEncodedContent([]);
        using var response = await client.SendAsync(request);
        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"{method} {path}: {(int)response.StatusCode}");
            return null;
        }
        // The cookie handler's challenge and forbid redirects carry the ReturnUrl; a page's own redirects do not.
        var location = response.Headers.Location is { } l ? new Uri(client.BaseAddress!, l) : null;
        var challenged = location is not null && location.Query.Contains("ReturnUrl=", StringComparison.Ordinal);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Outcome.SignInRequired,
            HttpStatusCode.Forbidden => Outcome.NoAccess,
            HttpStatusCode.Redirect when challenged && location!.AbsolutePath == AuthenticationSetup.NoAccessPath => Outcome.NoAccess,
            HttpStatusCode.Redirect when challenged && location!.AbsolutePath is AuthenticationSetup.SignInPath or AuthenticationSetup.DevSignInPath => Outcome.SignInRequired,
            _ => Outcome.Allowed,
        };
    }

    private static async Task<IReadOnlyDictionary<string, string>> SampleIdsAsync(ConsoleFactory factory)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>().CreateDbContextAsync();
        return new Dictionary<string, string>
        {
            ["{organization}"] = (await db.Organizations.Select(o => o.Id).FirstAsync()).ToString(),
            ["{integration}"] = (await db.Integrations.Select(i => i.Id).FirstAsync()).ToString(),
        };
    }
}
