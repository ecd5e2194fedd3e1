using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;
using MudBlazor.Services;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// A bUnit context with the UI library's services: the one place the component tests name the library, so that
/// moving to another library changes this file and leaves the tests' assertions as they are.
/// </summary>
public class UiComponents : BunitContext
{
    static UiComponents() => DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    /// <param name="scriptsAllowed">
    /// False: any script call fails the test, for markup that must not need one. True: the library's scripts do not
    /// run here, so their calls are answered with defaults.
    /// </param>
    public UiComponents(bool scriptsAllowed = true)
    {
        Services.AddMudServices();
        if (!scriptsAllowed) return;
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Renders the component beside the library's dialog, popover and snackbar hosts, so that what it opens appears with it.</summary>
    public IRenderedComponent<WithDialogs> RenderWithDialogs<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>> parameters)
        where TComponent : IComponent =>
        Render<WithDialogs>(screen => screen.AddChildContent(parameters));

    /// <summary>
    /// Where the components asked the browser to put the cursor, in order: Blazor's FocusAsync and the library's own
    /// focus calls, each as "#id" of the element it named, or its opening tag when it has no id. keyboard.js's
    /// first-field focus is not among them: it runs in the browser alone.
    /// </summary>
    public IReadOnlyList<string> FocusRequests<T>(IRenderedComponent<T> view) where T : IComponent =>
        JSInterop.Invocations
            .Where(call => call.Identifier is "Blazor._internal.domWrapper.focus" or "mudElementRef.focusFirst" or "mudElementRef.focusLast")
            .Select(call => (ElementReference)call.Arguments[0]!)
            .Select(target => view.FindAll($"[blazor\\:elementReference='{target.Id}']").SingleOrDefault() switch
            {
                null => "(no longer shown)",
                { Id: { Length: > 0 } id } => "#" + id,
                var element => element.OuterHtml[..(element.OuterHtml.IndexOf('>') + 1)],
            })
            .ToList();

    public sealed class WithDialogs : ComponentBase
    {
        [Parameter] public RenderFragment? ChildContent { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.AddContent(3, ChildContent);
        }
    }
}
