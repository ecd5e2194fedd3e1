using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AccessConsole.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccessConsole.Tests.Security;

/// <summary>With a certificate instead of a secret, the app starts and begins the same code flow with PKCE.</summary>
public sealed class EntraCertificateTests
{
    [Fact]
    public async Task A_pfx_credential_starts_the_code_flow_with_pkce_and_sends_no_secret()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        var pfx = Path.Combine(TestDatabase.Folder, Guid.NewGuid() + ".pfx");
        using (var key = RSA.Create(2048))
        {
            var certificate = new CertificateRequest("CN=accessconsole", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        }
        await using var factory = await ConsoleFactory.WithDemoDataAsync(provider.TrustItsCertificate);
        provider.Configure(factory);
        factory.Settings["Authentication:Entra:ClientSecret"] = null;
        factory.Settings["Authentication:Entra:CertificatePath"] = pfx;
        factory.Settings["Authentication:Entra:CertificatePassword"] = "pfx-password";
        factory.StartServer();
        using var client = EntraSignInFlow.BrowserLikeClient(provider);

        var start = await client.GetAsync($"{provider.AppBaseUrl}/account/signin/entra?returnUrl=%2F");

        Assert.True(start.StatusCode == HttpStatusCode.Redirect, await start.Content.ReadAsStringAsync());
        var authorize = start.Headers.Location!;
        Assert.StartsWith(provider.Instance, authorize.AbsoluteUri);
        Assert.Contains("response_type=code", authorize.Query);
        Assert.Contains("code_challenge_method=S256", authorize.Query);
        var options = factory.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        Assert.Null(options.ClientSecret);
    }
}
