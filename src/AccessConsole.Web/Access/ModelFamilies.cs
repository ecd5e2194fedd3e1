namespace AccessConsole.Web.Access;

/// <summary>The model families a restriction can allow.</summary>
public static class ModelFamilies
{
    public static IReadOnlyList<string> All { get; } = ["haiku", "sonnet", "opus"];
}
