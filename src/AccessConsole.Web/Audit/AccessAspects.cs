using AccessConsole.Web.Access;

namespace AccessConsole.Web.Audit;

public sealed record AccessAspect(string Aspect, string Before, string After)
{
    public bool Changed => Before != After;
}

/// <summary>An access value taken apart into the aspects a person compares, for the before/after table.</summary>
public static class AccessAspects
{
    public static IReadOnlyList<AccessAspect> Compare(AccessValue? before, AccessValue? after, Func<Guid, string> integrationName)
    {
        var left = Aspects(before, integrationName);
        var right = Aspects(after, integrationName);
        return left.Select((aspect, i) => new AccessAspect(aspect.Name, aspect.Text, right[i].Text)).ToList();
    }

    private static readonly string[] Names =
        ["State", "Purposes", "Model families", "Clients", "Credential kinds", "Requests per minute", "Tokens per minute", "Until"];

    private static List<(string Name, string Text)> Aspects(AccessValue? access, Func<Guid, string> integrationName)
    {
        if (access is null) return Names.Select(name => (name, "—")).ToList();
        if (access.State == AccessState.Revoked)
        {
            return Names.Select((name, i) => (name, i == 0 ? access.State.ToString() : i == Names.Length - 1 ? Until(access) : "—")).ToList();
        }
        var r = access.Restriction ?? Restriction.None;
        string Listed<T>(IEnumerable<T>? values, Func<T, string> text) =>
            values is null ? "any" : values.Any() ? string.Join(", ", values.Select(text)) : "none";
        var clients = Listed(r.Integrations, integrationName);
        string[] texts =
        [
            access.State.ToString(),
            Listed(r.Purposes, p => p.ToString()),
            Listed(r.ModelFamilies, m => m),
            r.FirstPartyClientsOnly ? (r.Integrations is null ? "first-party only" : $"first-party only, and {clients}") : clients,
            Listed(r.CredentialKinds, k => k.ToString()),
            r.RequestsPerMinute?.ToString("N0") ?? "no cap",
            r.TokensPerMinute?.ToString("N0") ?? "no cap",
            Until(access),
        ];
        return Names.Zip(texts).ToList();
    }

    private static string Until(AccessValue access) => access.Until is { } until ? $"{until:yyyy-MM-dd HH:mm} UTC" : "—";
}
