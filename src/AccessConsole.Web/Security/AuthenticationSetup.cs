using Microsoft.AspNetCore.Authentication.Cookies;

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

    public AuthenticationMode Mode { get; set; } = AuthenticationMode.Entra;

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}

public static class AuthenticationSetup
{
    public const string SignInPath = "/account/signin";
    public const string DevSignInPath = "/account/dev-signin";
    public const string NoAccessPath = "/account/no-access";
    public const string SignOutPath = "/account/signout";

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

        builder.Services.AddSingleton(settings);
        builder.Services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "AccessConsole.Auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = builder.Environment.IsDevelopment()
                    ? CookieSecurePolicy.SameAsRequest
                    : CookieSecurePolicy.Always;
                options.ExpireTimeSpan = settings.SessionLifetime;
                options.SlidingExpiration = false;
                options.LoginPath = settings.Mode == AuthenticationMode.Development ? DevSignInPath : SignInPath;
                options.AccessDeniedPath = NoAccessPath;
            });
        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<ICurrentActor, CurrentActor>();
        return settings;
    }
}
