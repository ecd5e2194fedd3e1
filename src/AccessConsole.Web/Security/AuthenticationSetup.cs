using AccessConsole.Web.Security.Entra;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;

namespace AccessConsole.Web.Security;

public enum AuthenticationMode
{
    Entra,
    Development,
}

/// <summary>The <c>Authentication</c> configuration section.</summary>
public sealed class AuthenticationSettings
{
    public const string Section = "Authentication";

    public static readonly TimeSpan MaxSessionLifetime = TimeSpan.FromHours(24);

    public AuthenticationMode Mode { get; set; } = AuthenticationMode.Entra;

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}

public static class AuthenticationSetup
{
    public const string SignInPath = "/account/signin";
    public const string DevSignInPath = "/account/dev-signin";
    public const string NoAccessPath = "/account/no-access";
    public const string SignOutPath = "/account/signout";
    public const string SignedOutPath = "/account/signed-out";
    public const string CookieName = "AccessConsole.Auth";

    public static AuthenticationSettings AddConsoleAuthentication(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(AuthenticationSettings.Section).Get<AuthenticationSettings>() ?? new();
        if (settings.Mode == AuthenticationMode.Development && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Authentication:Mode is Development, but the environment is {builder.Environment.EnvironmentName}. " +
                "Development sign-in lets anyone choose any role and runs only in the Development environment. " +
                "Configure Authentication:Mode = Entra for this environment.");
        }
        if (settings.SessionLifetime <= TimeSpan.Zero || settings.SessionLifetime > AuthenticationSettings.MaxSessionLifetime)
        {
            throw new InvalidOperationException(
                $"Authentication:SessionLifetime is {settings.SessionLifetime}; give a time span above zero and at most {AuthenticationSettings.MaxSessionLifetime} " +
                "(a role removed at the identity provider keeps working until the session ends).");
        }

        var cookieSecurity = new CookieSecurity(builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(cookieSecurity);
        builder.Services.AddSingleton<ConsoleSession>();

        var authentication = builder.Services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = cookieSecurity.Policy;
                options.ExpireTimeSpan = settings.SessionLifetime;
                options.SlidingExpiration = false;
                options.LoginPath = settings.Mode == AuthenticationMode.Development ? DevSignInPath : SignInPath;
                options.AccessDeniedPath = NoAccessPath;
            });
        if (settings.Mode == AuthenticationMode.Entra) authentication.AddEntraSignIn(builder.Logging, builder.EntraSettings());
        builder.Services.Configure<AntiforgeryOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = cookieSecurity.Policy;
        });
        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        builder.Services.AddScoped<ICurrentActor, CurrentActor>();
        return settings;
    }

    private static EntraSettings EntraSettings(this WebApplicationBuilder builder)
    {
        var entra = builder.Configuration.GetSection(Entra.EntraSettings.Section).Get<EntraSettings>() ?? new();
        var problems = entra.Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "Authentication:Mode is Entra, but the Entra sign-in is not configured correctly:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));
        }
        builder.Services.AddSingleton(entra);
        return entra;
    }
}
