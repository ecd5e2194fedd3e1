using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using AccessConsole.Web.Hosting;
using AccessConsole.Web.Security;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Identity.Web;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Infrastructure;

public sealed record TestUser(string Login, string Password, string Oid, string Name, string[] Roles);

/// <summary>
/// A real OpenID Connect provider (npm's oidc-provider, tests/oidc-provider) as a node child process on a free
/// loopback port, over https with a certificate made for this run, with one confidential client and two users.
/// Without node or the installed package the tests skip with the reason, unless E2E_REQUIRED=1, when they fail.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;
    private readonly StringBuilder output;

    private TestOidcProvider(Process process, string folder, StringBuilder output, int port, string tenantId, int appPort, X509Certificate2 certificate, string clientSecret)
    {
        TenantId = tenantId;
        this.process = process;
        this.folder = folder;
        this.output = output;
        Instance = $"https://127.0.0.1:{port}/";
        AppPort = appPort;
        Certificate = certificate;
        ClientSecret = clientSecret;
    }

    public const string ClientId = "accessconsole-tests";

    public static TestUser Manager { get; } = new("ada.manager", Secret(), Guid.NewGuid().ToString(), "Ada Manager", [Roles.AccountManager]);

    public static TestUser NoRole { get; } = new("norah.norole", Secret(), Guid.NewGuid().ToString(), "Norah Norole", []);

    /// <summary>The provider's host, as Entra's <c>Instance</c>; its issuer is <c>{Instance}{TenantId}/v2.0</c>.</summary>
    public string Instance { get; }

    public string TenantId { get; }

    public string Issuer => $"{Instance}{TenantId}/v2.0";

    /// <summary>
    /// When set, the ID tokens the app receives are re-signed on their way with a key the provider does not publish,
    /// as an attacker between the two would have to.
    /// </summary>
    public bool ForgeIdTokenSignatures { get; set; }

    /// <summary>The loopback port the app must listen on: the client's redirect URIs name it.</summary>
    public int AppPort { get; }

    public string AppBaseUrl => $"https://127.0.0.1:{AppPort}";

    /// <summary>The provider's TLS certificate (with its key), which the app serves too.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Made for this run only, like the users' passwords.</summary>
    public string ClientSecret { get; }

    /// <summary>Everything the provider printed, for failure messages.</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Starts the provider, for an app that will listen on <see cref="AppPort"/> (chosen here).</summary>
    public static Task<TestOidcProvider> StartAsync() => NodePackage.StartAsync(StartOnceAsync);

    private static async Task<TestOidcProvider> StartOnceAsync()
    {
        var (node, script) = Locate();
        var appPort = FreeTcpPort();
        var folder = Directory.CreateTempSubdirectory("accessconsole-oidc-").FullName;
        var certificate = CreateCertificate(folder);
        var port = FreeTcpPort();
        var clientSecret = Secret();
        var tenantId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo(node, [script])
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORT"] = port.ToString();
        start.Environment["TENANT_ID"] = tenantId;
        start.Environment["TLS_CERT_FILE"] = Path.Combine(folder, "cert.pem");
        start.Environment["TLS_KEY_FILE"] = Path.Combine(folder, "key.pem");
        start.Environment["CLIENT_ID"] = ClientId;
        start.Environment["CLIENT_SECRET"] = clientSecret;
        start.Environment["REDIRECT_URIS"] = string.Join(' ', AppUrls(appPort).Select(url => url + "/signin-oidc"));
        start.Environment["POST_LOGOUT_REDIRECT_URIS"] = string.Join(' ', AppUrls(appPort).Select(url => url + "/signout-callback-oidc"));
        start.Environment["USERS"] = JsonSerializer.Serialize(new[] { Manager, NoRole }.Select(u => new
        {
            login = u.Login, password = u.Password, oid = u.Oid, name = u.Name, roles = u.Roles,
        }));

        var output = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Record(e.Data, isListening: e.Data?.StartsWith("listening on", StringComparison.Ordinal) == true);
        process.ErrorDataReceived += (_, e) => Record(e.Data, isListening: false);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The test OpenID Connect provider exited:\n" + Text()));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var provider = new TestOidcProvider(process, folder, output, port, tenantId, appPort, certificate, clientSecret);
        try
        {
            await NodePackage.WaitUntilListeningAsync(listening.Task, process, Text, "The test OpenID Connect provider");
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return provider;

        void Record(string? line, bool isListening)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
            if (isListening) listening.TrySetResult();
        }

        string Text()
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>
    /// Points the app at this provider as at an Entra tenant (Instance and TenantId), and serves the app over https on
    /// <see cref="AppPort"/> with the provider's certificate, as in production.
    /// </summary>
    public void Configure(ConsoleFactory factory)
    {
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, AppPort, listen => listen.UseHttps(Certificate)));
        factory.Settings["Authentication:Mode"] = nameof(AuthenticationMode.Entra);
        factory.Settings["Authentication:Entra:Instance"] = Instance;
        factory.Settings["Authentication:Entra:TenantId"] = TenantId;
        factory.Settings["Authentication:Entra:ClientId"] = ClientId;
        factory.Settings["Authentication:Entra:ClientSecret"] = ClientSecret;
    }

    /// <summary>The app's calls to the provider trust its certificate, and nothing else differs from production.</summary>
    public void TrustItsCertificate(IServiceCollection services)
    {
        services.AddHttpClient(TrustingClientName).ConfigurePrimaryHttpMessageHandler(TrustingHandler);
        services.Configure<AadIssuerValidatorOptions>(options => options.HttpClientName = TrustingClientName);
        services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme,
            options => options.BackchannelHttpHandler = new IdTokenForger(this) { InnerHandler = TrustingHandler() });
    }

    /// <summary>Every answer of the provider's token endpoint, as the app received it (tests look for secrets in logs).</summary>
    public ConcurrentQueue<string> TokenResponses { get; } = new();

    private const string TrustingClientName = "test-oidc-provider";

    private HttpClientHandler TrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == Certificate.Thumbprint,
    };

    public static IEnumerable<string> AppUrls(int appPort) => [$"https://127.0.0.1:{appPort}", $"https://localhost:{appPort}"];

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await NodePackage.StopAsync(process);
        }
        finally
        {
            process.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static (string Node, string Script) Locate()
    {
        var (node, folder) = NodePackage.Locate("oidc-provider", "oidc-provider", "the test OpenID Connect provider");
        return (node, Path.Combine(folder, "provider.mjs"));
    }

    private static X509Certificate2 CreateCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        // Through PKCS#12, so that the key is usable for TLS by Kestrel (an ephemeral key is not, on every platform).
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
}
