using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AccessConsole.Web.Security;
using AccessConsole.Web.Security.Entra;
using Microsoft.AspNetCore.Builder;

namespace AccessConsole.Tests.Security;

public sealed class EntraConfigurationTests
{
    private static EntraSettings Valid() => new() { TenantId = Guid.NewGuid().ToString(), ClientId = Guid.NewGuid().ToString(), ClientSecret = "s3cret" };

    [Fact]
    public void A_tenant_with_a_client_secret_is_valid_and_its_authority_is_the_tenants_v2_endpoint()
    {
        var settings = Valid();

        Assert.Empty(settings.Problems());
        Assert.Equal($"https://login.microsoftonline.com/{settings.TenantId}/v2.0", settings.AuthorityUri.AbsoluteUri);
    }

    [Fact]
    public void Empty_settings_name_every_missing_key()
    {
        var problems = string.Join("\n", new EntraSettings().Problems());

        Assert.Contains("Authentication:Entra:ClientId is missing", problems);
        Assert.Contains("Authentication:Entra:TenantId is missing", problems);
        Assert.Contains("exactly one client credential", problems);
    }

    [Theory]
    [InlineData("common")]
    [InlineData("Organizations")]
    [InlineData("consumers")]
    [InlineData("contoso/../common")]
    public void A_multi_tenant_or_malformed_tenant_is_refused(string tenant)
    {
        var settings = Valid();
        settings.TenantId = tenant;

        Assert.Contains(settings.Problems(), p => p.Contains("must name one tenant", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://login.example.test/")]
    [InlineData("login.example.test")]
    [InlineData("https://login.example.test/?tenant=x")]
    public void An_instance_that_is_not_a_plain_https_url_is_refused(string instance)
    {
        var settings = Valid();
        settings.Instance = instance;

        Assert.Contains(settings.Problems(), p => p.Contains("Instance must be an absolute https:// URL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("My")]
    [InlineData("Nowhere/My")]
    [InlineData("CurrentUser/Drawer")]
    public void A_thumbprint_in_a_store_path_that_is_not_location_and_name_is_refused(string storePath)
    {
        var settings = Valid();
        settings.ClientSecret = null;
        settings.CertificateThumbprint = "ABCDEF";
        settings.CertificateStorePath = storePath;

        Assert.Contains(settings.Problems(), p => p.Contains("CertificateStorePath must be Location/Name", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_credentials_at_once_are_refused()
    {
        var settings = Valid();
        settings.CertificateThumbprint = "ABCDEF";

        Assert.Contains(settings.Problems(), p => p.Contains("(2 given)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_certificate_path_that_does_not_exist_is_refused()
    {
        var settings = Valid();
        settings.ClientSecret = null;
        settings.CertificatePath = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".pfx");

        Assert.Contains(settings.Problems(), p => p.Contains("names a file that does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pfx_file_with_its_key_is_accepted_and_one_with_a_wrong_password_or_no_key_is_refused()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=console", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var withKey = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".pfx");
        var withoutKey = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".pfx");
        File.WriteAllBytes(withKey, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        File.WriteAllBytes(withoutKey, X509CertificateLoader.LoadCertificate(certificate.RawData).Export(X509ContentType.Pkcs12, "pfx-password"));
        try
        {
            var settings = Valid();
            settings.ClientSecret = null;
            settings.CertificatePath = withKey;
            settings.CertificatePassword = "pfx-password";
            Assert.Empty(settings.Problems());
            Assert.True(settings.UsesCertificate);

            settings.CertificatePassword = "wrong";
            Assert.Contains(settings.Problems(), p => p.Contains("could not be read as a PFX file", StringComparison.Ordinal));

            settings.CertificatePath = withoutKey;
            settings.CertificatePassword = "pfx-password";
            Assert.Contains(settings.Problems(), p => p.Contains("has no private key", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(withKey);
            File.Delete(withoutKey);
        }
    }

    [Fact]
    public void Start_up_in_Entra_mode_without_its_settings_fails_with_every_problem_named()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Authentication:Mode"] = "Entra";
        builder.Configuration["Authentication:Entra:TenantId"] = "common";

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddConsoleAuthentication());

        Assert.Contains("the Entra sign-in is not configured correctly", error.Message);
        Assert.Contains("ClientId is missing", error.Message);
        Assert.Contains("not 'common'", error.Message);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-01:00:00")]
    [InlineData("2.00:00:00")]
    public void A_session_lifetime_outside_zero_to_a_day_is_refused(string lifetime)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration["Authentication:Mode"] = "Development";
        builder.Configuration["Authentication:SessionLifetime"] = lifetime;

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddConsoleAuthentication());

        Assert.Contains("Authentication:SessionLifetime", error.Message);
    }
}
