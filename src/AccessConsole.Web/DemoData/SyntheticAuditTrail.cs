using AccessConsole.Web.Access;
using AccessConsole.Web.Audit;
using AccessConsole.Web.ReasonCodes;

namespace AccessConsole.Web.DemoData;

/// <summary>
/// A long, fictional audit history for benchmark data: access changes on the plan's keys and organizations,
/// spread over the past three years, sealed into one chain by <see cref="AuditChain.Seal"/> exactly as the
/// audit log seals real events, so that the integrity check verifies them.
/// </summary>
internal static class SyntheticAuditTrail
{
    private static readonly string[] Actions = ["access.revoke", "access.restrict", "access.restore"];

    private static readonly string Active = AccessJson.Serialize(new AccessValue(AccessState.Active, null, null));
    private static readonly string Revoked = AccessJson.Serialize(new AccessValue(AccessState.Revoked, null, null));
    private static readonly string Restricted = AccessJson.Serialize(
        new AccessValue(AccessState.Restricted, new Restriction { RequestsPerMinute = 1_000 }, null));

    public static IEnumerable<AuditEvent> Events(DemoPlan plan, int count, DateTime now, int seed)
    {
        var random = new Random(seed + 2);
        var keys = plan.Keys();
        var organizations = plan.Organizations().ToDictionary(o => o.Id);
        var reasons = StandardReasonCodes.All.Select(r => r.Code).ToArray();
        var start = now.Date.AddDays(-3 * 365);
        var step = count == 0 ? 0 : (now.Date.AddDays(-1) - start).Ticks / count;
        var previousHash = AuditChain.GenesisHash;
        var id = new byte[16];
        for (long sequence = 1; sequence <= count; sequence++)
        {
            var key = keys[random.Next(keys.Count)];
            var organization = organizations[key.OrganizationId];
            var onOrganization = random.Next(10) == 0;
            var action = Actions[random.Next(Actions.Length)];
            var manager = random.Next(DemoCatalog.Managers.Length);
            random.NextBytes(id);
            var e = new AuditEvent
            {
                EventId = new Guid(id),
                OccurredAt = start.AddTicks(step * sequence),
                ActorId = $"demo-manager-{manager}",
                ActorName = DemoCatalog.Managers[manager],
                ActorRoles = "AccountManager",
                Action = action,
                SubjectKind = onOrganization ? nameof(SubjectKind.Organization) : nameof(SubjectKind.ApiKey),
                SubjectId = (onOrganization ? organization.Id : key.Id).ToString("D"),
                SubjectName = onOrganization ? organization.Name : key.Name,
                OrganizationId = organization.Id,
                OrganizationName = organization.Name,
                ReasonCode = reasons[random.Next(reasons.Length)],
                Justification = $"Synthetic change {sequence} for benchmark data.",
                TicketReference = random.Next(4) == 0 ? $"INC-{random.Next(100_000):D5}" : null,
                AccessBefore = action == "access.restore" ? Revoked : Active,
                AccessAfter = action switch { "access.revoke" => Revoked, "access.restrict" => Restricted, _ => Active },
            };
            AuditChain.Seal(e, sequence, previousHash);
            previousHash = e.Hash;
            yield return e;
        }
    }
}
