using AccessConsole.Web.Hosting;

var verb = CommandLineVerbs.Find(args);
var builder = WebApplication.CreateBuilder(verb is null ? args : args[1..]);
builder.AddAccessConsole();
var app = builder.Build();

if (verb is not null)
{
    return await verb.RunAsync(app.Services, args[1..]);
}

app.UseAccessConsole();
await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

public partial class Program;
