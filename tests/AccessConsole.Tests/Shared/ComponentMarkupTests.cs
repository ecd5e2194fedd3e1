using AccessConsole.Web.Access;
using AccessConsole.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using Radzen;
using System.Net;

namespace AccessConsole.Tests.Shared;

/// <summary>Markup of small components, rendered by the framework's own HtmlRenderer.</summary>
public sealed class ComponentMarkupTests
{
    [Theory]
    [InlineData(AccessState.Active, "rz-badge-success")]
    [InlineData(AccessState.Restricted, "rz-badge-warning")]
    [InlineData(AccessState.Revoked, "rz-badge-danger")]
    public async Task The_state_badge_names_the_state_in_its_colour(AccessState state, string cssClass)
    {
        var html = await RenderAsync<StateBadge>(new() { [nameof(StateBadge.State)] = state, [nameof(StateBadge.Title)] = "why" });

        Assert.Contains($">{state}<", html);
        Assert.Contains(cssClass, html);
        Assert.Contains("title=\"why\"", html);
    }

    [Fact]
    public async Task The_masked_key_shows_only_what_it_is_given()
    {
        var html = await RenderAsync<MaskedKey>(new() { [nameof(MaskedKey.Text)] = "sk-ant-api03-Ab12cD34…Xy9z" });

        Assert.Contains("sk-ant-api03-Ab12cD34…Xy9z", WebUtility.HtmlDecode(html));
        Assert.Contains("class=\"masked-key\"", html);
    }

    [Fact]
    public async Task The_masked_key_encodes_markup()
    {
        var html = await RenderAsync<MaskedKey>(new() { [nameof(MaskedKey.Text)] = "<script>alert(1)</script>" });

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    internal static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().AddRadzenComponents()
            .AddSingleton<IJSRuntime, StaticRenderingJSRuntime>().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    /// <summary>Static rendering calls no script; a component that tries is a test failure.</summary>
    private sealed class StaticRenderingJSRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"Static markup rendering called script: {identifier}");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException($"Static markup rendering called script: {identifier}");
    }
}
