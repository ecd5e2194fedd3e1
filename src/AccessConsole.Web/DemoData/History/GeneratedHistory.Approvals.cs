using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;

namespace AccessConsole.Web.DemoData.History;

/// <summary>Changes that the rules hold for a second person: approved, rejected, or left until they expire.</summary>
internal sealed partial class GeneratedHistory
{
    private static readonly Actor[] Requesters = [HistoryCast.Dana, HistoryCast.Tomas, HistoryCast.Aiko, HistoryCast.Marcus];
    private static readonly Actor[] Deciders = [HistoryCast.Priya, HistoryCast.Olu, HistoryCast.Marcus, HistoryCast.Dana];

    private void ScheduleApprovals(int count)
    {
        var outcome = 0;
        foreach (var organization in pools.Enterprises(count))
        {
            var kind = outcome++ % 5;
            var start = DaysAgo(85, 8);
            var requester = Pick(Requesters);
            var decider = Pick(Deciders.Where(d => d != requester).ToList());
            var ticket = Ticket("TS");
            var decideAfter = TimeSpan.FromHours(2 + random.Next(40));
            var restoreAfter = TimeSpan.FromDays(4 + random.Next(6));
            desk.At(WorkTime(start), async () =>
            {
                var request = (await ChangeAsync(requester, organization.Subject, ChangeKind.Revoke, StandardReasonCodes.Abuse,
                    "Sustained automated abuse from several of this customer's accounts despite two warnings; suspending the whole organization.",
                    ticket)).Request!;
                switch (kind)
                {
                    case 0 or 1:
                        desk.At(desk.Clock.Now + decideAfter, async () =>
                        {
                            await desk.ApproveAsync(decider, request, "Checked the abuse report and the two warnings on the ticket; approved.");
                            desk.At(desk.Clock.Now + restoreAfter, () => ChangeAsync(requester, organization.Subject, ChangeKind.Restore,
                                StandardReasonCodes.DisputeResolved, "Their security team closed the compromised accounts and confirmed in writing; restored.", ticket));
                        });
                        break;
                    case 2 or 3:
                        desk.At(desk.Clock.Now + decideAfter, () => desk.RejectAsync(decider, request,
                            "Too broad: only two of their projects are involved. Revoke those keys instead of the whole organization."));
                        break;
                    default:
                        desk.LetExpire(request);
                        break;
                }
            });
        }
        ScheduleRestoresUnderTerms(4);
    }

    /// <summary>Revoked under the terms, then restored only with a second person's approval.</summary>
    private void ScheduleRestoresUnderTerms(int count)
    {
        foreach (var organization in pools.Organizations(count))
        {
            var start = DaysAgo(75, 20);
            var restore = start - 6 - random.Next(10);
            var requester = Pick(Requesters);
            var decider = requester == HistoryCast.Priya ? HistoryCast.Olu : HistoryCast.Priya;
            var ticket = Ticket("LEGAL");
            desk.At(WorkTime(start), () => ChangeAsync(requester, organization.Subject, ChangeKind.Revoke, StandardReasonCodes.Resale,
                "Access resold to end customers through an unapproved storefront; revoked until a reseller agreement is in place.",
                ticket, clause: "Commercial Terms §2.3 (no resale)"));
            desk.At(WorkTime(restore), async () =>
            {
                var request = (await ChangeAsync(requester, organization.Subject, ChangeKind.Restore, StandardReasonCodes.DisputeResolved,
                    "Reseller agreement signed; the storefront now sells only under it.", ticket)).Request!;
                desk.At(desk.Clock.Now + TimeSpan.FromHours(1 + random.Next(20)), () => desk.ApproveAsync(decider, request,
                    "Agreement countersigned by legal; approved."));
            });
        }
    }
}
