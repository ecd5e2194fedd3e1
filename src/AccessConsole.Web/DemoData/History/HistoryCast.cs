using AccessConsole.Web.Security;

namespace AccessConsole.Web.DemoData.History;

/// <summary>
/// The fictional people of the demo's history, with the roles they act with. The support engineers on the security
/// rota also hold AccountManager, which lets them revoke an exposed key themselves; Legal only reads and exports.
/// </summary>
internal static class HistoryCast
{
    public static readonly Actor Dana = new("demo:dana.whitfield", "Dana Whitfield", [Roles.AccountManager]);
    public static readonly Actor Marcus = new("demo:marcus.osei", "Marcus Osei", [Roles.AccountManager]);
    public static readonly Actor Priya = new("demo:priya.raman", "Priya Raman", [Roles.AccountManager, Roles.Admin]);
    public static readonly Actor Tomas = new("demo:tomas.lindqvist", "Tomás Lindqvist", [Roles.AccountManager]);
    public static readonly Actor Aiko = new("demo:aiko.brennan", "Aiko Brennan", [Roles.AccountManager]);
    public static readonly Actor Olu = new("demo:olu.bankole", "Olu Bankole", [Roles.Admin]);
    public static readonly Actor Farah = new("demo:farah.nasser", "Farah Nasser", [Roles.Support, Roles.AccountManager]);
    public static readonly Actor Kofi = new("demo:kofi.mensah", "Kofi Mensah", [Roles.Support, Roles.AccountManager]);
    public static readonly Actor Ruth = new("demo:ruth.adeyemi", "Ruth Adeyemi", [Roles.Legal]);
    public static readonly Actor Jonas = new("demo:jonas.ferreira", "Jonas Ferreira", [Roles.Legal]);

    public static IReadOnlyList<Actor> Managers { get; } = [Dana, Marcus, Priya, Tomas, Aiko, Olu];

    public static IReadOnlyList<Actor> SecurityRota { get; } = [Farah, Kofi, Farah, Kofi, Dana, Tomas];

    public static IReadOnlyList<Actor> Exporters { get; } = [Ruth, Jonas, Ruth, Jonas, Priya];
}
