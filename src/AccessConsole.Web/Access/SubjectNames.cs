namespace AccessConsole.Web.Access;

/// <summary>The names people read for subjects that have no name of their own.</summary>
public static class SubjectNames
{
    /// <summary>The separator between an organization and an integration it uses; SQL that builds the name uses it too.</summary>
    public const string ThroughSeparator = " through ";

    /// <summary>One organization's use of one integration: "Kestrel Robotics through Glide IDE".</summary>
    public static string Through(string organization, string integration) => organization + ThroughSeparator + integration;
}
