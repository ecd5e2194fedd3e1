using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;

namespace AccessConsole.Web.Access.Changes;

/// <summary>
/// A caller's own record of a change that must commit or roll back with it (a bulk job's item). Both calls run
/// inside the change's transaction, after the audit chain is locked, so that no two changes claim the same record.
/// </summary>
public interface IChangeEnlistment
{
    /// <summary>Answers why the change must not be made (for example: it was made already), or null to go on.</summary>
    Task<string?> ClaimAsync(AccessConsoleDbContext db, CancellationToken cancellationToken);

    /// <summary>Further facts for the change's audit event (what scheduled it, for example), or null.</summary>
    object? EventDetails => null;

    /// <summary>Records the change just decided; saved with it.</summary>
    Task RecordAsync(AccessConsoleDbContext db, AuditEvent change, int versionAfter, CancellationToken cancellationToken);
}
