using System.Net;
using System.Text;
using System.Text.Json;
using AccessConsole.Tests.Infrastructure;

namespace AccessConsole.Tests.HostileInput;

/// <summary>
/// The corpus through the gateway API: every text as each field of a decision and as each query value of the change
/// feed, and malformed bodies. Each answer is a decision or a problem-details refusal; never a 500, never a page.
/// </summary>
public sealed class HostileApiInputTests : IAsyncLifetime
{
    private ConsoleFactory factory = null!;
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        factory = await ConsoleFactory.WithDemoDataAsync();
        client = factory.GatewayHttpClient(await factory.CreateCredentialAsync());
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Every_text_in_every_decision_field_is_decided_or_refused_with_problem_details()
    {
        var failures = new List<string>();
        foreach (var (name, text) in HostileCorpus.Texts.Where(t => t.Text.Length < 100_000))
        {
            foreach (var field in new[] { "keyHash", "clientId", "modelFamily" })
            {
                var item = new Dictionary<string, string> { ["keyHash"] = new string('a', 64), [field] = text };
                var response = await client.PostAsync("/api/v1/decisions",
                    new StringContent(JsonSerializer.Serialize(new { items = new[] { item } }), Encoding.UTF8, "application/json"));
                if (await ProblemWith(response) is { } problem) failures.Add($"{name} as {field}: {problem}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_text_as_a_change_feed_value_is_answered_or_refused_with_problem_details()
    {
        var failures = new List<string>();
        foreach (var (name, text) in HostileCorpus.Texts.Where(t => t.Text.Length < 1_000))
        {
            var value = Uri.EscapeDataString(text);
            foreach (var (parameter, query) in new[] { ("after", $"after={value}&wait=0"), ("wait", $"after=0&wait={value}") })
            {
                var response = await client.GetAsync("/api/v1/changes?" + query);
                if (await ProblemWith(response) is { } problem) failures.Add($"{name} as {parameter}: {problem}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"items\": null}")]
    [InlineData("{\"items\": [null]}")]
    [InlineData("{\"items\": [{\"keyHash\": 42}]}")]
    [InlineData("{\"items\": \"many\"}")]
    [InlineData("{\"items\": [{\"keyHash\": \"\\ud800\"}]}")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task A_malformed_decision_body_is_refused_with_problem_details(string body)
    {
        var response = await client.PostAsync("/api/v1/decisions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Null for a decision (200) or a problem-details refusal (4xx); otherwise what was wrong.</summary>
    private static async Task<string?> ProblemWith(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status == 200) return null;
        if (status is < 400 or >= 500) return $"answered {status}";
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json") return null;
        var body = await response.Content.ReadAsStringAsync();
        return $"answered {status} with {response.Content.Headers.ContentType?.MediaType ?? "no body"}: {body[..Math.Min(200, body.Length)]}";
    }
}
