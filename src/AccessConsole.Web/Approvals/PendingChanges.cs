using AccessConsole.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Approvals;

/// <summary>A change that waits for a second person, as a subject's page shows it.</summary>
public sealed record PendingChange(Guid RequestId, string Summary, string SubjectName, string RequestedByName, DateTime RequestedAt, DateTime ExpiresAt)
{
    /// <summary>The request on the approvals page.</summary>
    public string Address => PendingChanges.Address(RequestId);
}

/// <summary>Read-only: the requests still pending that would change an organization or one of its keys and integrations.</summary>
public static class PendingChanges
{
    public const int Max = 20;

    /// <summary>The approvals page, naming the request.</summary>
    public static string Address(Guid requestId) => $"/approvals?request={requestId}";

    private sealed record PendingRow(Guid Id, string Summary, string SubjectName, string RequestedByName, DateTime RequestedAt, DateTime ExpiresAt);

    // Compiled: a subject's page reads this on every load, and composing the query each time cost more than running it.
    // Few requests are pending at a time: start from them, then their items.
    private static readonly CompiledPerProvider<Func<AccessConsoleDbContext, Guid, DateTime, IAsyncEnumerable<PendingRow>>> Pending = new(() =>
        EF.CompileAsyncQuery((AccessConsoleDbContext db, Guid id, DateTime now) => db.ApprovalRequests.AsNoTracking()
            .Where(r => r.State == ApprovalState.Pending && r.ExpiresAt > now)
            .Join(db.ChangeJobItems, r => r.JobId, i => i.JobId, (r, i) => new { Request = r, Item = i })
            .Where(x => x.Item.SubjectId == id || x.Item.OrganizationId == id)
            .OrderBy(x => x.Request.RequestedAt).ThenBy(x => x.Request.Id).ThenBy(x => x.Item.Position)
            .Select(x => new PendingRow(x.Request.Id, x.Request.Summary, x.Item.SubjectName, x.Request.RequestedByName, x.Request.RequestedAt, x.Request.ExpiresAt))
            .Take(Max * 4)));

    /// <summary>Pending requests over the subject itself or, for an organization, over anything of it; the oldest first.</summary>
    public static async Task<IReadOnlyList<PendingChange>> ForAsync(AccessConsoleDbContext db, Guid subjectOrOrganizationId, DateTime now, CancellationToken ct)
    {
        var rows = new List<PendingRow>();
        await foreach (var row in Pending.For(db)(db, subjectOrOrganizationId, now).WithCancellation(ct)) rows.Add(row);
        // A bulk request over several keys of one organization shows once, naming its first subject here.
        return rows.GroupBy(r => r.Id)
            .Select(g => g.First())
            .Select(r => new PendingChange(r.Id, r.Summary, r.SubjectName, r.RequestedByName, r.RequestedAt, r.ExpiresAt))
            .Take(Max)
            .ToList();
    }
}
