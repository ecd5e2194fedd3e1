using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using AccessConsole.Web.Hosting;
using AccessConsole.Web.Security;
using AccessConsole.Web.Security.Entra;
using Microsoft.AspNetCore.Hosting;
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

    private TestOidcProvider(Process process, string folder, StringBuilder output, int port, int appPort, X509Certificate2 certificate, string clientSecret)
    {
        this.process = process;
        this.folder = folder;
        this.output = output;
        Issuer = $"https://127.0.0.1:{port}";
        AppPort = appPort;
        Certificate = certificate;
        ClientSecret = clientSecret;
    }

    public const string ClientId = "accessconsole-tests";

    public static TestUser Manager { get; } = new("ada.manager", Secret(), Guid.NewGuid().ToString(), "Ada Manager", [Roles.AccountManager]);

    public static TestUser NoRole { get; } = new("norah.norole", Secret(), Guid.NewGuid().ToString(), "Norah Norole", []);

    public string Issuer { get; }

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
    public static async Task<TestOidcProvider> StartAsync()
    {
        var (node, script) = Locate();
        var appPort = FreeTcpPort();
        var folder = Directory.CreateTempSubdirectory("accessconsole-oidc-").FullName;
        var certificate = CreateCertificate(folder);
        var port = FreeTcpPort();
        var clientSecret = Secret();
        var start = new ProcessStartInfo(node, [script])
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORT"] = port.ToString();
        start.Environment["TLS_CERT_FILE"] = Path.Combine(folder, "cert.pem");
        start.Environment["TLS_KEY_FILE"] = Path.Combine(folder, "key.pem");
        start.Environment["CLIENT_ID"] = ClientId;
        start.Environment["CLIENT_SECRET"] = clientSecret;
        start.Environment["REDIRECT_URIS"] = string.Join(' ', AppUrls(appPort).Select(url => url + "/signin-oidc"));
        start.Environment["POST_LOGOUT_REDIRECT_URIS"] = string.Join(' ', AppUrls(appPort).Select(url => url + AuthenticationSetup.SignedOutPath));
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

        var provider = new TestOidcProvider(process, folder, output, port, appPort, certificate, clientSecret);
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
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
    /// Points the app at this provider (Entra mode, generic authority), trusting its certificate only, and serves
    /// the app over https on <see cref="AppPort"/> with the same certificate, as in production.
    /// </summary>
    public void Configure(ConsoleFactory factory)
    {
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, AppPort, listen => listen.UseHttps(Certificate)));
        factory.Settings["Authentication:Mode"] = nameof(AuthenticationMode.Entra);
        factory.Settings["Authentication:Entra:Authority"] = Issuer;
        factory.Settings["Authentication:Entra:ClientId"] = ClientId;
        factory.Settings["Authentication:Entra:ClientSecret"] = ClientSecret;
    }

    public void TrustItsCertificate(IServiceCollection services) =>
        services.AddHttpClient(IdentityProviderHttp.ClientName).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == Certificate.Thumbprint,
        });

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
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            process.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static (string Node, string Script) Locate()
    {
        var node = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "node"))
            .FirstOrDefault(File.Exists);
        var root = DevelopmentConfiguration.FindRepositoryRoot(AppContext.BaseDirectory);
        var providerFolder = root is null ? null : Path.Combine(root, "tests", "oidc-provider");
        var reason = node is null
            ? "Node.js is not installed (the test OpenID Connect provider runs on it)."
            : providerFolder is null || !Directory.Exists(Path.Combine(providerFolder, "node_modules", "oidc-provider"))
                ? "The test OpenID Connect provider is not installed: run `npm ci` in tests/oidc-provider."
                : null;
        if (reason is not null)
        {
            if (Environment.GetEnvironmentVariable("E2E_REQUIRED") == "1") Assert.Fail(reason + " E2E_REQUIRED=1, so this fails.");
            Assert.Skip(reason);
        }
        return (node!, Path.Combine(providerFolder!, "provider.mjs"));
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
