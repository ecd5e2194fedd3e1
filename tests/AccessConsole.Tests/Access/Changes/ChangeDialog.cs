using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access.Changes;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AccessConsole.Tests.Access.Changes;

/// <summary>The change dialog as a person fills it in: fields by their labels, buttons by their names.</summary>
internal sealed class ChangeDialog(IRenderedComponent<ChangeAccessDialog> view)
{
    public IRenderedComponent<ChangeAccessDialog> View { get; } = view;

    /// <summary>Opens the dialog and waits until it has loaded the subject.</summary>
    public static ChangeDialog Open(ConsoleComponents app, SubjectRef subject, ChangeKind kind)
    {
        var view = app.Render<ChangeAccessDialog>(p => p.Add(d => d.Subject, subject).Add(d => d.Kind, kind));
        view.WaitForAssertion(() => view.Button("Confirm"));
        return new ChangeDialog(view);
    }

    public IElement Field(string label) => View.Labelled(label);

    public IElement ConfirmButton => View.Button("Confirm");

    /// <summary>The reason and justification every change needs.</summary>
    public ChangeDialog Because(string reason = "Other", string justification = ChangeRequests.Justification)
    {
        Field("Reason").Pick(reason);
        Field("Justification").Type(justification);
        return this;
    }

    /// <summary>Presses Confirm and returns once the dialog has its answer.</summary>
    public Task ConfirmAsync() => ConfirmButton.ClickAsync(new MouseEventArgs());

    public IReadOnlyList<(string Field, string Message)> Messages => View.Messages().Select(m => (m.Key, m.Value)).ToList();

    public string Text => View.Find("form").Shown();
}
