using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Approvals;
using AccessConsole.Web.Security;

namespace AccessConsole.Web.DemoData.History;

/// <summary>
/// Ninety days of everyday work on the generated customers, scheduled on the history's timeline from the seed: keys
/// revoked for exposure and replaced, capacity caps raised and lowered, timed restrictions that lift themselves,
/// suspensions for non-payment, clients cut off, requests approved, rejected or left to expire, bulk jobs and their
/// undoing, exports by legal, and a reason added to the list and later retired.
/// </summary>
internal sealed partial class GeneratedHistory(HistoryDesk desk, HistoryPools pools, Random random, int seed)
{
    public const int Days = 90;

    /// <summary>The keys customers created to replace exposed ones; their usage starts when they were created.</summary>
    public List<Guid> CreatedKeys { get; } = [];

    public void Schedule()
    {
        ScheduleReasonList();
        ScheduleKeyExposures(24);
        ScheduleCapacityCaps(20);
        ScheduleTimedRestrictions(24, keys: 8);
        ScheduleNonPayment(12);
        ScheduleClientCutOffs(12);
        ScheduleApprovals(18);
        ScheduleBulkJobs();
        ScheduleExports(14);
    }

    /// <summary>A time in office hours on the day that many days before the present.</summary>
    private DateTime WorkTime(int daysAgo) =>
        desk.End.Date.AddDays(-daysAgo).AddHours(8 + random.Next(10)).AddMinutes(random.Next(60)).AddSeconds(random.Next(60));

    private int DaysAgo(int from, int to) => random.Next(to, from + 1);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string Ticket(string prefix) => $"{prefix}-{random.Next(1000, 9999)}";

    private Task<GatedChange> ChangeAsync(Actor actor, SubjectRef subject, ChangeKind kind, string reason, string justification,
        string? ticket = null, Restriction? restriction = null, DateTime? until = null, bool fullAccess = false, string? clause = null) =>
        desk.ChangeAsync(actor, new AccessChangeRequest
        {
            Subject = subject, Kind = kind, ExpectedVersion = 0, ReasonCode = reason, Justification = justification,
            TicketReference = ticket, PolicyClause = clause, Restriction = restriction, Until = until, RestoreFullAccess = fullAccess,
        });

    private Restriction Caps(int requestsPerMinute) =>
        new() { RequestsPerMinute = requestsPerMinute, TokensPerMinute = requestsPerMinute * (200 + 100 * random.Next(4)) };
}
