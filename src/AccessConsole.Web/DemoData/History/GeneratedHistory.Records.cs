using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Audit.Export;
using AccessConsole.Web.Audit.Search;
using AccessConsole.Web.ReasonCodes;

namespace AccessConsole.Web.DemoData.History;

/// <summary>Work on the record itself: legal's exports, and a reason added to the list, used, then retired.</summary>
internal sealed partial class GeneratedHistory
{
    private const string SanctionsScreening = "sanctions-screening";

    private void ScheduleExports(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var daysAgo = DaysAgo(Days - 2, 1);
            var actor = Pick(HistoryCast.Exporters);
            var format = random.Next(3) == 0 ? ExportFormat.Csv : ExportFormat.JsonLines;
            var kind = i % 4;
            var at = WorkTime(daysAgo);
            desk.At(at, () => desk.ExportAsync(actor, kind switch
            {
                0 => new AuditFilter { ReasonCode = StandardReasonCodes.KeyExposed },
                1 => new AuditFilter { Action = "access.revoke", From = at.Date.AddDays(-30), To = at.Date },
                2 => new AuditFilter { From = at.Date.AddDays(-7), To = at.Date },
                _ => new AuditFilter(),
            }, format));
        }
    }

    /// <summary>An admin adds a reason for sanctions screening; two suspensions cite it; it is folded back into "Other".</summary>
    private void ScheduleReasonList()
    {
        var suspended = pools.Organizations(2);
        desk.At(WorkTime(84), () => desk.AddReasonAsync(HistoryCast.Olu, SanctionsScreening, "Sanctions screening"));
        foreach (var organization in suspended)
        {
            var start = DaysAgo(82, 60);
            var ticket = Ticket("COMP");
            desk.At(WorkTime(start), () => ChangeAsync(HistoryCast.Priya, organization.Subject, ChangeKind.Revoke, SanctionsScreening,
                "The customer's billing entity matched a sanctions list entry; suspended pending the compliance review.", ticket));
            desk.At(WorkTime(start - 3 - random.Next(5)), () => ChangeAsync(HistoryCast.Priya, organization.Subject, ChangeKind.Restore,
                StandardReasonCodes.DisputeResolved, "Compliance review found a name collision, not the listed entity; restored.", ticket));
        }
        desk.At(WorkTime(40), () => desk.RetireReasonAsync(HistoryCast.Olu, SanctionsScreening));
    }
}
