using AccessConsole.Web.Shared;

namespace AccessConsole.Web.Access;

/// <summary>Plain-language text of a restriction or access value, for people.</summary>
public static class RestrictionText
{
    public static string Describe(Restriction r, Func<Guid, string>? integrationName = null)
    {
        var parts = new List<string>();
        if (r.Purposes is { } p) parts.Add("purposes " + List(p.Select(x => x.Label())));
        if (r.ModelFamilies is { } m) parts.Add("models " + List(m));
        if (r.FirstPartyClientsOnly) parts.Add("first-party clients only");
        if (r.Integrations is { } i) parts.Add("clients " + List(i.Select(id => integrationName?.Invoke(id) ?? id.ToString())));
        if (r.CredentialKinds is { } k) parts.Add("credentials " + List(k.Select(x => x.Label())));
        if (r.RequestsPerMinute is { } rpm) parts.Add($"{rpm:N0} requests/min");
        if (r.TokensPerMinute is { } tpm) parts.Add($"{tpm:N0} tokens/min");
        return parts.Count == 0 ? "no limits" : string.Join("; ", parts);
    }

    public static string Describe(AccessValue access, Func<Guid, string>? integrationName = null)
    {
        var text = access.State switch
        {
            AccessState.Restricted => "Restricted: " + Describe(access.Restriction ?? Restriction.None, integrationName),
            _ => access.State.ToString(),
        };
        return text + UntilSuffix(access.Until);
    }

    /// <summary>How an access value's time limit reads after it: " (until … UTC)", or nothing when it has none.</summary>
    public static string UntilSuffix(DateTime? until) => until is { } at ? $" (until {at:yyyy-MM-dd HH:mm} UTC)" : "";

    private static string List(IEnumerable<string> values)
    {
        var text = string.Join(", ", values);
        return text.Length == 0 ? "(none)" : text;
    }
}
