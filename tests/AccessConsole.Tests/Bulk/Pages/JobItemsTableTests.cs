using AccessConsole.Tests.Infrastructure;
using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Bulk;
using AccessConsole.Web.Bulk.Jobs;
using AccessConsole.Web.Bulk.Pages;
using AccessConsole.Web.Security;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AccessConsole.Tests.Bulk.Pages;

/// <summary>A job's subjects: read a page at a time from the server, sorted there, their outcomes in words and their events named.</summary>
public sealed class JobItemsTableTests() : ConsoleComponentTests("Casey Manager", Roles.AccountManager)
{
    private const int Subjects = 60;
    private Guid jobId;

    protected override async Task StartedAsync()
    {
        var job = new ChangeJob
        {
            Id = Guid.NewGuid(), Origin = JobOrigin.Bulk, Summary = "Revoke 60 subjects", Change = ChangeKind.Revoke, ReasonCode = "other",
            Justification = "Sixty subjects to page through.", State = JobState.Completed, RequestedById = "test:casey", RequestedByName = "Casey Manager",
            RequestedByRoles = Roles.AccountManager, CreatedAt = DateTime.UtcNow, Total = Subjects, Changed = 40, NotChanged = 20,
        };
        await using var db = await App.Demo.Contexts.CreateDbContextAsync();
        db.ChangeJobs.Add(job);
        db.ChangeJobItems.AddRange(Enumerable.Range(0, Subjects).Select(i => new ChangeJobItem
        {
            JobId = job.Id, Position = i, SubjectKind = SubjectKind.Organization, SubjectId = Guid.NewGuid(), SubjectName = $"Subject {i:00}",
            Outcome = i % 3 == 0 ? ItemOutcome.NotChanged : ItemOutcome.Changed, Message = i % 3 == 0 ? "Changed by someone else since." : null,
            AuditSequence = i % 3 == 0 ? null : 1, ProcessedAt = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
        jobId = job.Id;
    }

    [Fact]
    public void The_first_page_holds_25_subjects_in_the_jobs_order_with_outcomes_in_words_and_their_events()
    {
        var table = Render();

        table.WaitForAssertion(() => Assert.Equal(Enumerable.Range(0, 25).Select(i => $"Subject {i:00}"), Column(table, 0)));
        Assert.Equal("Not changed", Column(table, 1)[0]);
        Assert.Equal("Changed", Column(table, 1)[1]);
        Assert.DoesNotContain("NotChanged", table.Named("Subjects of the bulk change").Shown());
        Assert.Equal("event #1", Column(table, 3)[1]);
        Assert.Equal("Audit event 1", Rows(table)[1].QuerySelectorAll("td")[3].QuerySelector("[title]")!.GetAttribute("title"));
    }

    [Fact]
    public void The_next_page_is_read_from_the_server()
    {
        var table = Render();
        table.WaitForAssertion(() => Assert.Equal(25, Rows(table).Count));

        Assert.Single(table.FindAll("button"), b => b.Name().Contains("next page", StringComparison.OrdinalIgnoreCase)).Click();

        table.WaitForAssertion(() => Assert.Equal(Enumerable.Range(25, 25).Select(i => $"Subject {i:00}"), Column(table, 0)));
    }

    [Fact]
    public void Sorting_by_a_column_header_asks_the_server_for_that_order()
    {
        var table = Render();
        table.WaitForAssertion(() => Assert.Equal(25, Rows(table).Count));

        SortButton(table, "Subject").Click();
        SortButton(table, "Subject").Click();

        table.WaitForAssertion(() => Assert.Equal(Enumerable.Range(35, 25).Reverse().Select(i => $"Subject {i:00}"), Column(table, 0)));
    }

    [Fact]
    public async Task The_server_sorts_a_page_by_a_shown_column_and_ignores_any_other_name()
    {
        var jobs = App.Services.GetRequiredService<BulkJobService>();

        var byNameDescending = await jobs.ItemsAsync(jobId, 0, 3, nameof(JobItemRow.SubjectName), descending: true);
        var byUnknown = await jobs.ItemsAsync(jobId, 0, 3, "Message; DROP TABLE", descending: true);
        var tooMany = await jobs.ItemsAsync(jobId, 0, 10_000);

        Assert.Equal(["Subject 59", "Subject 58", "Subject 57"], byNameDescending.Rows.Select(r => r.SubjectName));
        Assert.Equal(["Subject 00", "Subject 01", "Subject 02"], byUnknown.Rows.Select(r => r.SubjectName));
        Assert.Equal((Subjects, Subjects), (tooMany.Rows.Count, tooMany.TotalCount));
    }

    private static AngleSharp.Dom.IElement SortButton(IRenderedComponent<JobItemsTable> table, string column) =>
        Assert.Single(table.FindAll("th"), h => h.Shown() == column).QuerySelectorAll("button").Single(b => b.Name() == "Sort");

    private IRenderedComponent<JobItemsTable> Render() => App.Render<JobItemsTable>(p => p.Add(t => t.JobId, jobId));

    private static List<AngleSharp.Dom.IElement> Rows(IRenderedComponent<JobItemsTable> table) =>
        table.Named("Subjects of the bulk change").QuerySelectorAll("tbody tr").Where(r => r.QuerySelectorAll("td:not([colspan])").Length > 0).ToList();

    private static List<string> Column(IRenderedComponent<JobItemsTable> table, int index) =>
        Rows(table).Select(r => r.QuerySelectorAll("td")[index].Shown()).ToList();
}
