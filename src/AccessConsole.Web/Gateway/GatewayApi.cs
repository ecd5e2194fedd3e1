using System.Threading.RateLimiting;
using AccessConsole.Web.Gateway.ChangeFeed;
using AccessConsole.Web.Gateway.Credentials;
using AccessConsole.Web.Gateway.Decisions;
using Microsoft.AspNetCore.Authentication;

namespace AccessConsole.Web.Gateway;

/// <summary>The API the gateways call, its authentication, rate limits and OpenAPI document.</summary>
public static class GatewayApi
{
    private const string RateLimitPolicy = "gateway";

    public static void AddGatewayApi(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(GatewaySettings.Section).Get<GatewaySettings>() ?? new();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<AccessChangeSignal>();
        builder.Services.AddSingleton<AccessSnapshot>();
        builder.Services.AddSingleton<SnapshotRefresher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SnapshotRefresher>());
        builder.Services.AddHostedService<KeyIndexLoader>();
        builder.Services.AddSingleton<DecisionService>();
        builder.Services.AddSingleton<ServiceCredentialCache>();
        builder.Services.AddSingleton<FailedAuthenticationLimiter>();
        builder.Services.AddSingleton<GatewayRefusals>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GatewayRefusals>());
        builder.Services.AddScoped<ServiceCredentialService>();

        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, GatewayAuthenticationHandler>(GatewayAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(GatewayAuthenticationHandler.Policy, policy => policy
            .AddAuthenticationSchemes(GatewayAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.FindFirst(GatewayAuthenticationHandler.CredentialIdClaim)?.Value ?? "",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.RequestsPerSecondPerCredential * 2,
                    TokensPerPeriod = settings.RequestsPerSecondPerCredential,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
        builder.Services.AddGatewayOpenApi();
    }

    public static void MapGatewayApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(GatewayAuthenticationHandler.Policy)
            .RequireRateLimiting(RateLimitPolicy)
            .DisableAntiforgery()
            .WithTags("Gateway");

        api.MapPost("/decisions", DecisionEndpoint.HandleAsync)
            .WithName(GatewayOpenApi.DecideOperation)
            .WithSummary("Decide whether keys may call, through a client, for a model family.")
            .Produces<DecisionAnswers>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status429TooManyRequests);

        api.MapGet("/changes", ChangeFeedEndpoint.HandleAsync)
            .WithName(GatewayOpenApi.ChangesOperation)
            .WithSummary("Access changes after a sequence, in order; long-polls up to `wait` seconds when there is none.")
            .Produces<AccessChangePage>()
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status429TooManyRequests);

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
    }
}
