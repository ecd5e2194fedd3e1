using System.Text;
using AccessConsole.Web.Bulk.Segments;

namespace AccessConsole.Tests.Bulk;

public sealed class OrganizationListFileTests
{
    [Fact]
    public async Task The_first_column_of_each_line_is_an_entry_quoted_or_not()
    {
        var (list, problem) = await ReadAsync("Northwind AI Labs,note\n\"Helix Intelligence, Inc.\",other\n\n  00000000-0000-0000-0000-000000000001  \n");

        Assert.Null(problem);
        Assert.Equal("Northwind AI Labs\nHelix Intelligence, Inc.\n00000000-0000-0000-0000-000000000001", list);
    }

    [Fact]
    public async Task More_than_a_thousand_entries_are_refused()
    {
        var (list, problem) = await ReadAsync(string.Join("\n", Enumerable.Range(0, SegmentValidator.MaxListed + 1).Select(i => $"Org {i}")));

        Assert.Null(list);
        Assert.Equal("The file lists more than 1,000 organizations.", problem);
    }

    [Fact]
    public async Task A_file_over_its_size_limit_is_refused_before_it_is_read()
    {
        var (list, problem) = await OrganizationListFile.ReadAsync(new MemoryStream(), OrganizationListFile.MaxBytes + 1);

        Assert.Null(list);
        Assert.Equal("The file has 262,145 bytes; upload at most 262,144 bytes (256 KB).", problem);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        Assert.Equal((null, "The file lists no organization."), await ReadAsync("\n\n"));
    }

    private static Task<(string? List, string? Problem)> ReadAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return OrganizationListFile.ReadAsync(new MemoryStream(bytes), bytes.Length);
    }
}
