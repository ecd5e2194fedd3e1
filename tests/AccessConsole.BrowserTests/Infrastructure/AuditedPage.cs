using Microsoft.Playwright;

namespace AccessConsole.BrowserTests.Infrastructure;

/// <summary>
/// A page (or a state of one) that the accessibility audit visits: its address, built from the demo data's ids, what to do
/// on it before the audit (and to wait for its content), who looks at it, and whether it runs in an interactive circuit.
/// </summary>
public sealed record AuditedPage(string Name, Func<DemoDirectory, string> Address, Func<IPage, Task>? Prepare = null)
{
    /// <summary>The roles of the person who looks at it; null for nobody signed in.</summary>
    public string[]? Roles { get; init; } = [AccessConsole.Web.Security.Roles.Support];

    /// <summary>Account pages are plain server-rendered forms: no circuit ever connects there.</summary>
    public bool Interactive { get; init; } = true;

    public static AuditedPage Static(string name, string address, string[]? roles) =>
        new(name, _ => address) { Interactive = false, Roles = roles };

    public override string ToString() => Name;
}
