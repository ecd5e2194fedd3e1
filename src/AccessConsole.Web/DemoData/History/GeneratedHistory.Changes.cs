using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Shared;

namespace AccessConsole.Web.DemoData.History;

/// <summary>The single changes of everyday work, each a short story on one subject.</summary>
internal sealed partial class GeneratedHistory
{
    private static readonly string[] ExposureFindings =
    [
        "Key found in a public repository commit by secret scanning; revoked, the customer rotates to a new key.",
        "The customer pasted the whole key into a public forum post; revoked at their request and replaced.",
        "Key printed in a CI log that was published with a public build; revoked and replaced the same day.",
        "Key shipped inside a mobile app bundle and extracted by a researcher; revoked, a server-side key issued.",
    ];

    private void ScheduleKeyExposures(int count)
    {
        foreach (var key in pools.Keys(count))
        {
            var at = WorkTime(DaysAgo(88, 2));
            var actor = Pick(HistoryCast.SecurityRota);
            var finding = Pick(ExposureFindings);
            var ticket = Ticket("SEC");
            var replacedAfter = TimeSpan.FromMinutes(30 + random.Next(240));
            desk.At(at, async () =>
            {
                await ChangeAsync(actor, new SubjectRef(SubjectKind.ApiKey, key.Id), ChangeKind.Revoke, StandardReasonCodes.KeyExposed, finding, ticket);
                desk.At(desk.Clock.Now + replacedAfter, () => ReplaceAsync(key));
            });
        }
    }

    private async Task ReplaceAsync(PoolKey exposed)
    {
        var name = exposed.Name + "-rotated";
        var secret = DemoSecrets.For(seed, name, exposed.Kind);
        var key = new ApiKey
        {
            Id = NewIds.Next(),
            OrganizationId = exposed.OrganizationId,
            Name = name,
            DisplayPrefix = KeyFormat.DisplayPrefixOf(secret),
            LastFour = KeyFormat.LastFourOf(secret),
            SecretHash = KeyFormat.Hash(secret),
            Purpose = exposed.Purpose,
            CredentialKind = exposed.Kind,
            CreatedAt = desk.Clock.GetUtcNow().UtcDateTime,
            CreatedBy = "customer",
        };
        await desk.AddKeyAsync(key);
        CreatedKeys.Add(key.Id);
    }

    /// <summary>Capped for capacity, the cap raised after a review, sometimes lowered again, and often lifted at last.</summary>
    private void ScheduleCapacityCaps(int count)
    {
        foreach (var organization in pools.Organizations(count))
        {
            var start = DaysAgo(85, 20);
            var raised = start - 3 - random.Next(8);
            var lowered = random.Next(2) == 0 ? raised - 2 - random.Next(6) : (int?)null;
            var lifted = random.Next(5) < 3 ? (lowered ?? raised) - 3 - random.Next(10) : (int?)null;
            var manager = Pick(HistoryCast.Managers);
            var ticket = Ticket("CAP");
            var cap = 200 * (1 + random.Next(5));
            var subject = organization.Subject;
            desk.At(WorkTime(start), () => ChangeAsync(manager, subject, ChangeKind.Restrict, StandardReasonCodes.Capacity,
                "Bursts well above the tier's capacity are crowding out other customers in the region; capped until a capacity plan is agreed.",
                ticket, Caps(cap)));
            desk.At(WorkTime(raised), () => ChangeAsync(manager, subject, ChangeKind.Restrict, StandardReasonCodes.Capacity,
                "Capacity review with the customer: traffic is smoothed with a queue now, so the cap is raised.", ticket, Caps(cap * 3)));
            if (lowered is { } down)
            {
                desk.At(WorkTime(down), () => ChangeAsync(manager, subject, ChangeKind.Restrict, StandardReasonCodes.Capacity,
                    "Their batch jobs ran unthrottled again over the weekend; the cap goes back down until they add backoff.", ticket, Caps(cap * 2)));
            }
            if (lifted is { } end && end >= 1)
            {
                desk.At(WorkTime(end), () => ChangeAsync(manager, subject, ChangeKind.Restore, StandardReasonCodes.Capacity,
                    "Capacity plan signed and dedicated throughput provisioned; the caps are removed.", ticket, fullAccess: true));
            }
        }
    }

    /// <summary>Restrictions and revocations with an end date, lifted by the console itself when it passes.</summary>
    private void ScheduleTimedRestrictions(int count, int keys)
    {
        foreach (var organization in pools.Organizations(count))
        {
            var at = WorkTime(DaysAgo(86, 1));
            var until = at.Date.AddDays(2 + random.Next(9)).AddHours(random.Next(24));
            var abuse = random.Next(3) == 0;
            desk.At(at, () => ChangeAsync(Pick(HistoryCast.Managers), organization.Subject, ChangeKind.Restrict,
                abuse ? StandardReasonCodes.Abuse : StandardReasonCodes.Capacity,
                abuse
                    ? "Scripted sign-up bursts from this account look like credential stuffing; capped while their security team investigates."
                    : "Temporary cap while the shared capacity pool is rebalanced after a regional incident; lifts itself at the end of the window.",
                Ticket(abuse ? "TS" : "INC"), Caps(100 * (1 + random.Next(10))), until));
        }
        foreach (var key in pools.Keys(keys))
        {
            var at = WorkTime(DaysAgo(80, 3));
            var until = at.AddHours(24 + random.Next(72));
            desk.At(at, () => ChangeAsync(Pick(HistoryCast.SecurityRota), new SubjectRef(SubjectKind.ApiKey, key.Id), ChangeKind.Revoke,
                StandardReasonCodes.Abuse,
                "Traffic from this key matches a known scraping pattern; paused while the customer checks whether it leaked.",
                Ticket("TS"), until: until));
        }
    }

    private void ScheduleNonPayment(int count)
    {
        foreach (var organization in pools.Organizations(count))
        {
            var start = DaysAgo(80, 5);
            var paid = random.Next(4) == 0 ? (int?)null : start - 4 - random.Next(15);
            var ticket = Ticket("FIN");
            desk.At(WorkTime(start), () => ChangeAsync(HistoryCast.Marcus, organization.Subject, ChangeKind.Revoke, StandardReasonCodes.NonPayment,
                "Invoices unpaid for more than sixty days after three reminders; access suspended under the payment terms.",
                ticket, clause: "Commercial Terms §7.1 (payment)"));
            if (paid is { } day && day >= 1)
            {
                desk.At(WorkTime(day), () => ChangeAsync(Pick(HistoryCast.Managers), organization.Subject, ChangeKind.Restore,
                    StandardReasonCodes.DisputeResolved, "Outstanding invoices paid in full; access restored as it was before the suspension.", ticket));
            }
        }
    }

    /// <summary>One organization's use of one third-party client cut off, often given back once they moved to a supported client.</summary>
    private void ScheduleClientCutOffs(int count)
    {
        foreach (var use in pools.Uses(count))
        {
            var start = DaysAgo(84, 3);
            var back = random.Next(5) < 3 ? start - 5 - random.Next(20) : (int?)null;
            var manager = Pick(HistoryCast.Managers);
            var subject = new SubjectRef(SubjectKind.OrganizationIntegration, use.Id);
            desk.At(WorkTime(start), () => ChangeAsync(manager, subject, ChangeKind.Revoke, StandardReasonCodes.UnauthorizedClient,
                $"Requests through {use.Name} present a shared key embedded in the client rather than the customer's own; this use is cut off.",
                Ticket("TS")));
            if (back is { } day && day >= 1)
            {
                desk.At(WorkTime(day), () => ChangeAsync(manager, subject, ChangeKind.Restore, StandardReasonCodes.CustomerRequest,
                    $"The customer now configures {use.Name} with their own key; use through it restored.", null));
            }
        }
    }
}
