using System.Net.Http.Headers;
using System.Net.Http.Json;
using AccessConsole.Web.Gateway.Credentials;
using AccessConsole.Web.Gateway.Decisions;
using AccessConsole.Web.Security;
using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>Calls the gateway API of a test app with a real service credential created through the service.</summary>
public static class GatewayClient
{
    public static async Task<string> CreateCredentialAsync(this ConsoleFactory factory, string name = "test gateway")
    {
        var service = new ServiceCredentialService(
            factory.Services.GetRequiredService<IDbContextFactory<AccessConsoleDbContext>>(),
            new TestActor("Ada Admin", Roles.Admin),
            factory.Services.GetRequiredService<TimeProvider>(),
            factory.Services.GetRequiredService<ServiceCredentialCache>());
        var (created, error) = await service.CreateAsync(name);
        return created?.Secret ?? throw new InvalidOperationException(error);
    }

    public static HttpClient GatewayHttpClient(this ConsoleFactory factory, string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public static async Task<DecisionAnswers> DecideAsync(this HttpClient client, params DecisionItem[] items)
    {
        var response = await client.PostAsJsonAsync("/api/v1/decisions", new DecisionBatch(items));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DecisionAnswers>())!;
    }
}
