using System.Net;
using System.Text.RegularExpressions;

namespace AccessConsole.Tests.Infrastructure;

/// <summary>The provider's answer, as its auto-submitting form would post it to the app's callback.</summary>
public sealed record ProviderAnswer(Uri Callback, IReadOnlyDictionary<string, string> Fields)
{
    public FormUrlEncodedContent AsForm() => new(Fields);
}

/// <summary>
/// Walks the Entra sign-in over HTTP, the way a browser would: the app's start, the provider's login form, and the
/// provider's answer. One client, one cookie jar, redirects followed by hand so that each step is seen.
/// </summary>
public static partial class EntraSignInFlow
{
    /// <param name="setCookies">Collects every Set-Cookie header the app and the provider send, when given.</param>
    public static HttpClient BrowserLikeClient(TestOidcProvider provider, List<string>? setCookies = null) => new(new SetCookieRecorder(setCookies ?? [])
    {
        InnerHandler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == provider.Certificate.Thumbprint },
        },
    });

    /// <summary>Signs in at the provider, and answers what the provider would post back to the app (not yet posted).</summary>
    public static async Task<ProviderAnswer> SignInAtProviderAsync(HttpClient client, TestOidcProvider provider, TestUser user, string returnUrl = "/")
    {
        var next = new Uri($"{provider.AppBaseUrl}/account/signin/entra?returnUrl={Uri.EscapeDataString(returnUrl)}");
        next = LocationOf(await client.GetAsync(next), next);
        while (!next.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal))
        {
            next = LocationOf(await client.GetAsync(next), next);
        }
        var form = await client.GetStringAsync(next);
        if (!PasswordField().IsMatch(form)) throw new InvalidOperationException("The provider did not show its login form:\n" + form);

        var response = await client.PostAsync(next, new FormUrlEncodedContent([new("login", user.Login), new("password", user.Password)]));
        next = LocationOf(response, next);
        while (true)
        {
            response = await client.GetAsync(next);
            if (response.StatusCode == HttpStatusCode.OK) return AnswerIn(await response.Content.ReadAsStringAsync());
            next = LocationOf(response, next);
        }
    }

    /// <summary>Signs in completely, and answers the form the provider posted (to replay it, for instance).</summary>
    public static async Task<ProviderAnswer> SignInAsync(HttpClient client, TestOidcProvider provider, TestUser user, string returnUrl = "/")
    {
        var answer = await SignInAtProviderAsync(client, provider, user, returnUrl);
        var response = await client.PostAsync(answer.Callback, answer.AsForm());
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != returnUrl)
        {
            throw new InvalidOperationException($"The sign-in did not complete: {(int)response.StatusCode} to {response.Headers.Location}.");
        }
        return answer;
    }

    public static Uri LocationOf(HttpResponseMessage response, Uri requested)
    {
        if ((int)response.StatusCode is < 300 or > 399 || response.Headers.Location is null)
        {
            throw new InvalidOperationException($"{requested} answered {(int)response.StatusCode} where a redirect was expected.");
        }
        return new Uri(requested, response.Headers.Location);
    }

    private static ProviderAnswer AnswerIn(string html)
    {
        var action = FormAction().Match(html);
        if (!action.Success) throw new InvalidOperationException("The provider's answer is not a form post:\n" + html);
        var fields = HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        return new ProviderAnswer(new Uri(WebUtility.HtmlDecode(action.Groups[1].Value)), fields);
    }

    private sealed class SetCookieRecorder(List<string> setCookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                lock (setCookies) setCookies.AddRange(values.Select(v => $"{request.RequestUri!.GetLeftPart(UriPartial.Authority)} {v}"));
            }
            return response;
        }
    }

    [GeneratedRegex("<input[^>]*name=\"password\"")]
    private static partial Regex PasswordField();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
