using AccessConsole.Web.Access;

namespace AccessConsole.Web.Organizations;

public enum OrganizationSort
{
    Name,
    Tier,
    State,
    Created,
}

/// <summary>What the organizations list asks for: filters, sort and page, all applied in the database.</summary>
public sealed record OrganizationListQuery
{
    public const int MaxPageSize = 100;

    public string? NamePrefix { get; init; }
    public AccessState? State { get; init; }
    public Tier? Tier { get; init; }
    public string? Tag { get; init; }
    public Guid? IntegrationId { get; init; }
    public OrganizationSort Sort { get; init; } = OrganizationSort.Name;
    public bool Descending { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 25;
}

public sealed record OrganizationRow(Guid Id, string Name, Tier Tier, AccessState State, string AccountManager, DateTime CreatedAt, int KeyCount);

public sealed record OrganizationList(IReadOnlyList<OrganizationRow> Rows, int TotalCount);
