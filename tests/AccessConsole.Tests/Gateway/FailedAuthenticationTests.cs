using System.Net;
using System.Text.RegularExpressions;
using AccessConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccessConsole.Tests.Gateway;

public sealed class FailedAuthenticationTests
{
    private const string CredentialQuery = "FROM \"ServiceCredentials\"";

    [Fact]
    public async Task Past_the_failures_allowed_to_an_address_unknown_tokens_are_429_without_reading_the_database()
    {
        var log = new CapturingLoggerProvider();
        await using var factory = await ConsoleFactory.WithDemoDataAsync(services => services.AddSingleton<ILoggerProvider>(log));
        factory.Settings["Gateway:FailedAuthenticationsPerSecondPerAddress"] = "5";
        factory.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        var known = factory.GatewayHttpClient(await factory.CreateCredentialAsync());
        Assert.Equal(HttpStatusCode.OK, (await known.GetAsync("/api/v1/changes?after=0")).StatusCode);
        var readsBefore = CredentialReads(log);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++) statuses.Add((await Unknown(factory, i).GetAsync("/api/v1/changes?after=0")).StatusCode);
        var reads = CredentialReads(log) - readsBefore;

        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 30, string.Join(", ", statuses));
        Assert.True(reads <= 25, $"{reads} reads of the credentials table for 60 unknown tokens");
        Assert.Equal(HttpStatusCode.OK, (await known.GetAsync("/api/v1/changes?after=0")).StatusCode);
    }

    [Fact]
    public async Task Each_refused_call_logs_one_debug_line_and_a_periodic_warning_counts_them()
    {
        var log = new CapturingLoggerProvider();
        await using var factory = await ConsoleFactory.WithDemoDataAsync(services => services.AddSingleton<ILoggerProvider>(log));
        factory.Settings["Logging:LogLevel:AccessConsole"] = "Debug";
        factory.Settings["Gateway:RefusalSummaryInterval"] = "00:00:01";
        factory.StartHost();
        var before = log.Lines.Count;

        for (var i = 0; i < 10; i++)
        {
            await factory.CreateClient().GetAsync("/api/v1/changes?after=0");
            await Malformed(factory).GetAsync("/api/v1/changes?after=0");
            await Unknown(factory, i).GetAsync("/api/v1/changes?after=0");
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (SummarisedRefusals(Gateway(log, before)) < 30 && DateTime.UtcNow < deadline) await Task.Delay(100);

        var lines = Gateway(log, before);
        Assert.Equal(30, lines.Count(l => l.StartsWith("Debug", StringComparison.Ordinal)));
        Assert.Equal(30, SummarisedRefusals(lines));
        Assert.DoesNotContain(lines, l => l.StartsWith("Information", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines.Skip(before), l => l.Contains("acgw_"));
    }

    private static List<string> Gateway(CapturingLoggerProvider log, int skip) =>
        log.Lines.Skip(skip).Where(l => l.Contains(" AccessConsole.Web.Gateway.", StringComparison.Ordinal)).ToList();

    /// <summary>The calls counted by the Warning summaries (a burst may straddle two of them).</summary>
    private static int SummarisedRefusals(List<string> lines) => lines
        .Where(l => l.StartsWith("Warning", StringComparison.Ordinal))
        .Sum(l => Regex.Match(l, @"Refused (\d+) gateway calls") is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0);

    private static int CredentialReads(CapturingLoggerProvider log) =>
        log.Lines.Count(l => l.Contains(CredentialQuery, StringComparison.Ordinal) && l.Contains("SELECT", StringComparison.Ordinal));

    private static HttpClient Unknown(ConsoleFactory factory, int i) => factory.GatewayHttpClient($"acgw_nobodyIssuedThis{i:D6}0000000000000000000000000");

    private static HttpClient Malformed(ConsoleFactory factory) => factory.GatewayHttpClient("not-a-console-secret");
}
