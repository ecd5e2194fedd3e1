using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access.Changes;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>The change dialog as a person fills it in: fields by their labels, buttons by their names.</summary>
internal sealed class ChangeDialog(IRenderedComponent<UiComponents.WithDialogs> view, Task<ChangeOutcome?> outcome)
{
    public IRenderedComponent<UiComponents.WithDialogs> View { get; } = view;

    /// <summary>What the dialog answered its opener once closed (null: cancelled).</summary>
    public Task<ChangeOutcome?> Outcome { get; } = outcome;

    /// <summary>Opens the dialog as the change buttons do and waits until it has loaded the subject.</summary>
    public static ChangeDialog Open(ConsoleComponents app, SubjectRef subject, ChangeKind kind, string? subjectName = null)
    {
        var view = app.RenderWithDialogs<Blank>(_ => { });
        var dialogs = app.Services.GetRequiredService<IDialogService>();
        Task<ChangeOutcome?> outcome = null!;
        view.InvokeAsync(() => outcome = ChangeAccessDialog.ShowAsync(dialogs, subject, subjectName ?? subject.Id.ToString(), kind));
        view.WaitForAssertion(() => Assert.True(view.FindAll("[role=dialog] form, [role=dialog] [role=status]").Count > 0));
        return new ChangeDialog(view, outcome);
    }

    public IElement Field(string label) => View.Labelled(label);

    public IElement ConfirmButton => View.Button("Confirm");

    /// <summary>The reason and justification every change needs.</summary>
    public ChangeDialog Because(string reason = "Other", string justification = ChangeRequests.Justification)
    {
        View.PickOption("Reason", reason);
        Field("Justification").Type(justification);
        return this;
    }

    /// <summary>Presses Confirm and returns once the dialog has its answer.</summary>
    public Task ConfirmAsync() => ConfirmButton.ClickAsync(new MouseEventArgs());

    public IReadOnlyList<(string Field, string Message)> Messages => View.Messages().Select(m => (m.Key, m.Value)).ToList();

    public string Text => View.Find("form").Shown();

    /// <summary>Nothing of its own: the dialog host alone.</summary>
    public sealed class Blank : Microsoft.AspNetCore.Components.ComponentBase;
}
