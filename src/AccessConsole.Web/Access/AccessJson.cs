using System.Text.Json;

namespace AccessConsole.Web.Access;

/// <summary>The JSON form of an access value, as the audit log records it before and after a change.</summary>
public static class AccessJson
{
    private sealed record Form(AccessState State, Restriction? Restriction, DateTime? Until);

    public static string Serialize(AccessValue access) =>
        JsonSerializer.Serialize(new Form(access.State, access.Restriction, access.Until), AccessSubjectConfiguration.Json);

    public static AccessValue Deserialize(string json)
    {
        var form = JsonSerializer.Deserialize<Form>(json, AccessSubjectConfiguration.Json)
            ?? throw new FormatException("An access value was recorded as null.");
        return new AccessValue(form.State, form.Restriction, form.Until);
    }
}
