using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk.Segments;
using AccessConsole.Web.ReasonCodes;

namespace AccessConsole.Web.DemoData.History;

/// <summary>Bulk changes on lists of generated customers, each job with its own correlation id, some through approval, some undone.</summary>
internal sealed partial class GeneratedHistory
{
    private void ScheduleBulkJobs()
    {
        var resellers = pools.Organizations(12);
        var incident = pools.Organizations(30);
        var burst = pools.Organizations(15);
        var weekend = pools.Organizations(10);

        // Restricted to the smaller models, then undone as a whole when the reseller programme was agreed.
        BulkJob(82, 62, HistoryCast.Marcus, resellers, Restrict(new Restriction { ModelFamilies = ["haiku", "sonnet"] }, StandardReasonCodes.Resale,
            "Accounts reselling access without the reseller programme; limited to the smaller models until they join it.", "LEGAL-" + random.Next(100, 999)));
        // Over the bulk threshold: approved by a second person, and lifted by itself after a week.
        BulkJob(58, null, HistoryCast.Tomas, incident, Restrict(Caps(300), StandardReasonCodes.Capacity,
            "Regional capacity incident: accounts on the affected cluster capped for one week.", "INC-" + random.Next(5000, 5999)),
            approver: HistoryCast.Priya, lastsDays: 7);
        // Asked for approval by choice, and rejected.
        BulkJob(44, null, HistoryCast.Aiko, resellers.Take(6).ToList(), _ => Terms(ChangeKind.Revoke, StandardReasonCodes.Resale,
            "Revoke the remaining resellers outright instead of limiting their models.", null), rejectedBy: HistoryCast.Marcus);
        // Over the threshold and left undecided until it expired.
        BulkJob(36, null, HistoryCast.Dana, incident.Take(27).ToList(), Restrict(Caps(150), StandardReasonCodes.Capacity,
            "Pre-emptive caps ahead of the model launch.", null), expires: true);
        // Capped for a burst of abuse, undone a week later.
        BulkJob(21, 13, HistoryCast.Priya, burst, Restrict(Caps(60), StandardReasonCodes.Abuse,
            "Accounts created in one burst from the same payment instrument; capped while trust and safety review them.", "TS-" + random.Next(1000, 9999)));
        // A weekend's caps that lift themselves on Monday.
        BulkJob(9, null, HistoryCast.Olu, weekend, Restrict(Caps(400), StandardReasonCodes.Capacity,
            "Weekend maintenance on the inference fleet; accounts with the largest batch jobs capped until Monday.", "INC-" + random.Next(6000, 6999)),
            lastsDays: 3);
    }

    private static Func<DateTime?, AccessChangeRequest> Restrict(Restriction restriction, string reason, string justification, string? ticket) =>
        until => Terms(ChangeKind.Restrict, reason, justification, ticket) with { Restriction = restriction, Until = until };

    private static AccessChangeRequest Terms(ChangeKind kind, string reason, string justification, string? ticket) => new()
    {
        Subject = default, Kind = kind, ExpectedVersion = 0, ReasonCode = reason, Justification = justification, TicketReference = ticket,
    };

    private void BulkJob(int daysAgo, int? undoneDaysAgo, Security.Actor requester, List<PoolOrganization> organizations,
        Func<DateTime?, AccessChangeRequest> terms, Security.Actor? approver = null, Security.Actor? rejectedBy = null,
        bool expires = false, int? lastsDays = null)
    {
        if (organizations.Count == 0) return;
        var at = WorkTime(daysAgo);
        var segment = new Segment { Organizations = organizations.Select(o => o.Name).ToList() };
        var change = terms(lastsDays is { } days ? at.Date.AddDays(days).AddHours(6) : null);
        var decideAfter = TimeSpan.FromHours(1 + random.Next(6));
        var undoAt = undoneDaysAgo is { } undone ? WorkTime(undone) : (DateTime?)null;
        desk.At(at, async () =>
        {
            var ask = approver is not null || rejectedBy is not null || expires;
            var (jobId, request) = await desk.BulkAsync(requester, segment, change, askForApproval: ask);
            if (request is not null)
            {
                if (approver is not null) desk.At(desk.Clock.Now + decideAfter, () => desk.ApproveAsync(approver, request,
                    "Segment and caps checked against the incident ticket; approved.", change.Until));
                else if (rejectedBy is not null) desk.At(desk.Clock.Now + decideAfter, () => desk.RejectAsync(rejectedBy, request,
                    "Not without legal's review of each reseller: keep the model limits for now."));
                else desk.LetExpire(request);
            }
            if (undoAt is { } when)
            {
                desk.At(when, () => desk.UndoAsync(requester, jobId, StandardReasonCodes.DisputeResolved,
                    "Reviewed account by account: the restriction is no longer needed, so the whole bulk change is undone."));
            }
        });
    }
}
