using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Tests.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Gateway;

/// <summary>Every error of the gateway API is problem details naming what was wrong, in Development and Production alike.</summary>
public sealed class GatewayApiErrorTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Bad_query_values_on_the_change_feed_are_400_problem_details_naming_the_field(string environment)
    {
        await using var factory = await AppAsync(environment);
        var gateway = Gateway(factory, await factory.CreateCredentialAsync());

        foreach (var (query, field) in new[]
        {
            ("after=abc", "after"), ("after=9223372036854775808", "after"), ("after=1&after=2", "after"),
            ("after=-1", "after"), ("after=0&wait=1.5", "wait"), ("after=0&wait=2147483648", "wait"), ("wait=31", "wait"),
        })
        {
            using var response = await gateway.GetAsync($"/api/v1/changes?{query}");
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, field, query);
        }
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Wrong_routes_and_methods_under_api_are_404_or_405_problem_details(string environment)
    {
        await using var factory = await AppAsync(environment);
        var secret = await factory.CreateCredentialAsync();

        foreach (var client in new[] { Gateway(factory, secret), Gateway(factory, null) })
        {
            using var getDecisions = await client.GetAsync("/api/v1/decisions");
            await AssertProblemAsync(getDecisions, HttpStatusCode.MethodNotAllowed, null, "GET /api/v1/decisions");
            Assert.Equal("POST", string.Join(",", getDecisions.Content.Headers.Allow));
            using var postChanges = await client.PostAsync("/api/v1/changes", new StringContent("{}", Encoding.UTF8, "application/json"));
            await AssertProblemAsync(postChanges, HttpStatusCode.MethodNotAllowed, null, "POST /api/v1/changes");
            using var nope = await client.GetAsync("/api/v1/nope");
            await AssertProblemAsync(nope, HttpStatusCode.NotFound, null, "GET /api/v1/nope");
        }
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task A_decision_body_over_64_KiB_is_413_problem_details_on_the_bytes_read(string environment)
    {
        var meter = new RequestBodyMeter();
        await using var factory = await AppAsync(environment, services => services.AddSingleton<IStartupFilter>(meter));
        var gateway = Gateway(factory, await factory.CreateCredentialAsync());

        foreach (var megabytes in new[] { 29, 40 })
        {
            var readBefore = meter.BytesRead;
            using var content = new StreamContent(new WhitespaceStream(megabytes << 20));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var chunked = await gateway.PostAsync("/api/v1/decisions", content);
            await AssertProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "body", $"{megabytes} MB chunked");
            Assert.True(meter.BytesRead - readBefore < 1 << 20, $"{(meter.BytesRead - readBefore) / 1e6:N1} MB of a {megabytes} MB chunked body read");
        }
        using var declared = await gateway.PostAsync("/api/v1/decisions", new ByteArrayContent(new byte[65 * 1024]));
        await AssertProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge, "body", "65 KiB with its length");
    }

    [Fact]
    public async Task The_openapi_document_describes_exactly_the_gateway_api_and_its_bearer_scheme()
    {
        await using var factory = await ConsoleFactory.WithDemoDataAsync();

        using var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["/api/v1/changes", "/api/v1/decisions"], paths);
        var schemes = json.RootElement.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().ToList();
        var scheme = Assert.Single(schemes);
        Assert.Equal("http", scheme.Value.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.Value.GetProperty("scheme").GetString());
        foreach (var operation in json.RootElement.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()))
        {
            var requirement = Assert.Single(operation.Value.GetProperty("security").EnumerateArray());
            Assert.True(requirement.TryGetProperty(scheme.Name, out _), $"{operation.Name} does not require {scheme.Name}");
            Assert.True(operation.Value.GetProperty("responses").TryGetProperty("401", out _));
        }
        var parameters = json.RootElement.GetProperty("paths").GetProperty("/api/v1/changes").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("integer", parameters["after"]);
        Assert.Equal("integer", parameters["wait"]);
    }

    private static async Task<ConsoleFactory> AppAsync(string environment, Action<IServiceCollection>? configure = null)
    {
        var factory = new ConsoleFactory(await TestDatabase.DemoCopyAsync()) { EnvironmentName = environment, ConfigureServicesForTest = configure };
        if (environment != "Development") SecurityHeadersTests.UnreachableEntra(factory);
        return factory;
    }

    private static HttpClient Gateway(ConsoleFactory factory, string? secret)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (secret is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{what}: {(int)response.StatusCode}, expected {(int)status}: {body[..Math.Min(body.Length, 300)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        if (field is not null) Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{what}: no error for {field}: {body}");
    }

    /// <summary>A body of spaces that is never held whole, sent chunked because its length is unknown.</summary>
    private sealed class WhitespaceStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
