using System.Net;
using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AccessConsole.Tests.Security;

public sealed class DataProtectionTests
{
    [Fact]
    public async Task Instances_that_share_the_keys_folder_accept_each_others_session_cookies()
    {
        var shared = Directory.CreateTempSubdirectory("accessconsole-keys-").FullName;
        var other = Directory.CreateTempSubdirectory("accessconsole-keys-").FullName;
        try
        {
            await using var first = await InstanceAsync(shared);
            await using var second = await InstanceAsync(shared);
            await using var stranger = await InstanceAsync(other);
            var cookie = await SessionCookieFromSignInAsync(first);

            Assert.NotEmpty(Directory.GetFiles(shared, "key-*.xml"));
            Assert.Equal(HttpStatusCode.OK, await GetWithCookieAsync(second, cookie));
            Assert.Equal(HttpStatusCode.Redirect, await GetWithCookieAsync(stranger, cookie));
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public async Task A_keys_folder_that_cannot_be_created_stops_start_up_with_its_name()
    {
        var file = Path.GetTempFileName();
        try
        {
            await using var factory = await ConsoleFactory.WithDemoDataAsync();
            factory.Settings[DataProtectionSetup.KeysFolderKey] = Path.Combine(file, "keys");

            var error = Assert.ThrowsAny<Exception>(factory.StartHost);

            Assert.Contains("DataProtection:KeysFolder", error.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<ConsoleFactory> InstanceAsync(string keysFolder)
    {
        var factory = await ConsoleFactory.WithDemoDataAsync();
        factory.Settings[DataProtectionSetup.KeysFolderKey] = keysFolder;
        return factory;
    }

    /// <summary>Signs in through the development form on a client without a cookie jar, to read the session cookie itself.</summary>
    private static async Task<string> SessionCookieFromSignInAsync(ConsoleFactory factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/account/dev-signin");
        var antiforgeryCookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/dev-signin")
        {
            Content = new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", SignIn.AntiforgeryTokenIn(await form.Content.ReadAsStringAsync())),
                new("name", "Sam"), new("role", Roles.Support), new("returnUrl", "/"),
            ]),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await client.SendAsync(post);
        return signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpStatusCode> GetWithCookieAsync(ConsoleFactory factory, string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/organizations");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }
}
