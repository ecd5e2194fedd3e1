using AccessConsole.Web.Access;
using AccessConsole.Web.Organizations;

namespace AccessConsole.Web.Bulk.Segments;

/// <summary>One subject of a segment as the database has it now (a class with setters, so that queries can still order by it).</summary>
public sealed class SegmentMember
{
    public SubjectKind Kind { get; set; }
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string SortKey { get; set; } = "";
    public Guid OrganizationId { get; set; }
    public string OrganizationName { get; set; } = "";
    public Tier Tier { get; set; }
    public AccessState State { get; set; }
    public string? ReasonCode { get; set; }
    public int Version { get; set; }
}
