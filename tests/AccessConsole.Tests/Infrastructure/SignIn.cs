using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>Signs in through the real development sign-in form, antiforgery token and all.</summary>
public static partial class SignIn
{
    public static HttpClient AnonymousClient(this ConsoleFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> SignedInClientAsync(this ConsoleFactory factory, string name, params string[] roles)
    {
        var client = factory.AnonymousClient();
        var form = await client.GetStringAsync("/account/dev-signin");
        var token = AntiforgeryTokenIn(form);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token),
            new("name", name),
            new("returnUrl", "/"),
        };
        fields.AddRange(roles.Select(r => new KeyValuePair<string, string>("role", r)));
        var response = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Development sign-in answered {(int)response.StatusCode}.");
        }
        return client;
    }

    public static string AntiforgeryTokenIn(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
