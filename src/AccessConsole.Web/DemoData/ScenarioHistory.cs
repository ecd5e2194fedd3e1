using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Data;
using AccessConsole.Web.DemoData.History;
using AccessConsole.Web.ReasonCodes;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.DemoData;

/// <summary>
/// The scenarios' past changes, on the same timeline as the rest of the demo's history and made through the same
/// services, at the times the README tells them.
/// </summary>
internal static class ScenarioHistory
{
    public static async Task ScheduleAsync(HistoryDesk desk, AccessConsoleDbContext db, CancellationToken ct)
    {
        var now = desk.End;
        DateTime DaysAgo(int days) => now.AddDays(-days).Date.AddHours(14).AddMinutes(days % 60);

        void Change(int daysAgo, Security.Actor actor, SubjectRef subject, ChangeKind kind, string reason, string justification,
            string? ticket = null, string? clause = null, Restriction? restriction = null, DateTime? until = null) =>
            desk.At(DaysAgo(daysAgo), () => desk.ChangeAsync(actor, new AccessChangeRequest
            {
                Subject = subject, Kind = kind, ExpectedVersion = 0, ReasonCode = reason, Justification = justification,
                TicketReference = ticket, PolicyClause = clause, Restriction = restriction, Until = until,
            }));

        var meridian = await OrganizationAsync(db, DemoCatalog.DisputedOrganization, ct);
        Change(120, HistoryCast.Marcus, meridian, ChangeKind.Restrict, StandardReasonCodes.Capacity,
            "Sustained bursts above the agreed Scale capacity; capped while the capacity plan is renegotiated.",
            ticket: "CAP-1042", restriction: new Restriction { RequestsPerMinute = 500, TokensPerMinute = 200_000 });

        Change(45, HistoryCast.Priya, await OrganizationAsync(db, "Ledgerline Resale", ct), ChangeKind.Restrict, StandardReasonCodes.Resale,
            "Reselling access to unapproved end customers; limited to smaller models until the reseller agreement is signed.",
            ticket: "LEGAL-881", clause: "Commercial Terms §2.3 (no resale)", restriction: new Restriction { ModelFamilies = ["haiku", "sonnet"] });

        Change(30, HistoryCast.Marcus, meridian, ChangeKind.Revoke, StandardReasonCodes.NonPayment,
            "Invoices for three months unpaid after three reminders; access suspended under the payment terms.",
            ticket: "FIN-3307", clause: "Commercial Terms §7.1 (payment)");

        Change(10, HistoryCast.Priya, await OrganizationAsync(db, "Borealis Machine Learning", ct), ChangeKind.Restrict, StandardReasonCodes.Capacity,
            "Temporary cap during the regional capacity incident; lifts itself when the incident window ends.",
            ticket: "INC-5120", restriction: new Restriction { RequestsPerMinute = 1_000 }, until: now.AddDays(14).Date);

        // The one scheduled change still pending: an IDE vendor's capacity cut, announced a week ahead.
        var glide = await OrganizationAsync(db, "Glide Software", ct);
        desk.At(DaysAgo(2), () => desk.ScheduleAsync(HistoryCast.Priya, new AccessChangeRequest
        {
            Subject = glide, Kind = ChangeKind.Restrict, ExpectedVersion = 0, ReasonCode = StandardReasonCodes.Capacity,
            Justification = "Capacity plan for IDE vendors: Glide's plug-in traffic is capped from next week, as agreed on the call and announced to them.",
            TicketReference = "CAP-2210", Restriction = new Restriction { RequestsPerMinute = 300, TokensPerMinute = 90_000 },
        }, now.Date.AddDays(5).AddHours(9)));

        Change(3, HistoryCast.Dana, await KeyAsync(db, "kestrel-prod", ct), ChangeKind.Revoke, StandardReasonCodes.KeyExposed,
            "Key found in a public repository commit; revoked at once, the customer was told to rotate to a new key.",
            ticket: "SEC-2291");
    }

    private static async Task<SubjectRef> OrganizationAsync(AccessConsoleDbContext db, string name, CancellationToken ct) =>
        new(SubjectKind.Organization, await db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(ct));

    private static async Task<SubjectRef> KeyAsync(AccessConsoleDbContext db, string name, CancellationToken ct) =>
        new(SubjectKind.ApiKey, await db.ApiKeys.Where(k => k.Name == name).Select(k => k.Id).SingleAsync(ct));
}
