using AccessConsole.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>
/// A session cookie for any person and roles, made with the app's own session and cookie settings, so that tests
/// can act as anyone in either authentication mode without walking a sign-in.
/// </summary>
public static class SessionCookie
{
    public static string For(IServiceProvider services, string name, params string[] roles)
    {
        var (principal, properties) = services.GetRequiredService<ConsoleSession>().Create("test:" + name.ToLowerInvariant(), name, roles);
        var options = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var ticket = new AuthenticationTicket(principal, properties, CookieAuthenticationDefaults.AuthenticationScheme);
        return $"{AuthenticationSetup.CookieName}={options.TicketDataFormat.Protect(ticket)}";
    }
}
