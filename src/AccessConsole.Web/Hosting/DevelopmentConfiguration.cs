namespace AccessConsole.Web.Hosting;

/// <summary>
/// In Development the configuration is the repository root's appsettings.Development.json: one file a newcomer
/// finds at once, whichever folder the app is started from.
/// </summary>
public static class DevelopmentConfiguration
{
    public const string FileName = "appsettings.Development.json";
    private const string RootMarker = "AccessConsole.sln";

    public static void AddRepositoryRootSettings(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return;
        var root = FindRepositoryRoot(builder.Environment.ContentRootPath);
        if (root is null) return;
        var path = Path.Combine(root, FileName);
        // Inserted right after the project's own appsettings files, so that environment variables and the
        // command line still override it, as with any appsettings file.
        var sources = builder.Configuration.Sources;
        var index = sources.Select((s, i) => (s, i))
            .LastOrDefault(x => x.s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource).i;
        var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = path,
            Optional = false,
            ReloadOnChange = false,
        };
        source.ResolveFileProvider();
        sources.Insert(index + 1, source);
    }

    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, RootMarker))) return directory.FullName;
        }
        return null;
    }
}
