namespace AccessConsole.Web.Lookup;

/// <summary>
/// A search typed into the app bar on another page, handed to the lookup page within the circuit. It never goes into
/// the address: a pasted whole key is a secret, and addresses end up in histories and logs.
/// </summary>
public sealed class PendingLookup
{
    private string? query;

    public void Set(string text) => query = text;

    public string? Take()
    {
        var taken = query;
        query = null;
        return taken;
    }
}
