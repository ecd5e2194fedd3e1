using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace AccessConsole.Web.Security;

/// <summary>
/// An interactive circuit keeps the user it started with; without this, a page left open would outlive the session.
/// Once a minute the circuit checks the session's end and, past it, signs the page out (which sends it to sign-in).
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, ConsoleSession session)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(session.IsCurrent(authenticationState.User));
}
