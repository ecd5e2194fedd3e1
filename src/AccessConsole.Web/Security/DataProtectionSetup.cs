using Microsoft.AspNetCore.DataProtection;

namespace AccessConsole.Web.Security;

/// <summary>
/// The keys that encrypt the session cookie. With <c>DataProtection:KeysFolder</c> set, every instance that shares
/// the folder shares the keys, so a cookie issued by one is accepted by all.
/// </summary>
public static class DataProtectionSetup
{
    public const string KeysFolderKey = "DataProtection:KeysFolder";

    // Fixed, so that instances installed in different folders still share cookies.
    public const string ApplicationName = "AccessConsole";

    public static void AddConsoleDataProtection(this WebApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        var folder = builder.Configuration[KeysFolderKey];
        if (string.IsNullOrWhiteSpace(folder)) return;

        var path = Path.GetFullPath(folder, builder.Environment.ContentRootPath);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{KeysFolderKey} is {path}, which cannot be created or opened: {error.Message}", error);
        }
        dataProtection.PersistKeysToFileSystem(new DirectoryInfo(path));
    }
}
