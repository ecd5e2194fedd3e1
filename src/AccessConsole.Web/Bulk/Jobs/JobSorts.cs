using System.Linq.Expressions;

namespace AccessConsole.Web.Bulk.Jobs;

/// <summary>
/// The orders the jobs list and a job's subjects may be sorted in, by the name of the shown property. Only these
/// reach the database: a name from the page that is not here falls back to the default order.
/// </summary>
public static class JobSorts
{
    public static IOrderedQueryable<ChangeJob> Apply(IQueryable<ChangeJob> jobs, string? by, bool descending) => by switch
    {
        nameof(JobRow.Summary) => Order(jobs, j => j.Summary, descending),
        nameof(JobRow.State) => Order(jobs, j => j.State, descending),
        nameof(JobRow.RequestedByName) => Order(jobs, j => j.RequestedByName, descending),
        nameof(JobRow.CreatedAt) => Order(jobs, j => j.CreatedAt, descending),
        _ => jobs.OrderByDescending(j => j.CreatedAt),
    };

    public static IOrderedQueryable<ChangeJobItem> Apply(IQueryable<ChangeJobItem> items, string? by, bool descending) => by switch
    {
        nameof(JobItemRow.SubjectName) => Order(items, i => i.SubjectName, descending),
        nameof(JobItemRow.Outcome) => Order(items, i => i.Outcome, descending),
        nameof(JobItemRow.ProcessedAt) => Order(items, i => i.ProcessedAt, descending),
        nameof(JobItemRow.Position) => Order(items, i => i.Position, descending),
        _ => items.OrderBy(i => i.Position),
    };

    private static IOrderedQueryable<T> Order<T, TKey>(IQueryable<T> rows, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
}
