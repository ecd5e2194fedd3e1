namespace AccessConsole.Web.Data;

/// <summary>
/// A compiled query, compiled once for each provider: EF binds a compiled query to the provider of the first
/// context that runs it, and one process may hold contexts of both (the tests do).
/// </summary>
internal sealed class CompiledPerProvider<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly TQuery sqlite = compile();
    private readonly TQuery sqlServer = compile();

    public TQuery For(AccessConsoleDbContext db) => db.Provider == DatabaseProvider.Sqlite ? sqlite : sqlServer;
}
