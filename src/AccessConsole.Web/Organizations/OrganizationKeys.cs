namespace AccessConsole.Web.Organizations;

public enum KeySort
{
    Name,
    Purpose,
    Kind,
    LastUsed,
    Expires,
    State,
}

/// <summary>A page of one organization's keys, sorted in the database: an organization may hold thousands.</summary>
public sealed record KeyListQuery
{
    public const int MaxPageSize = 100;

    public KeySort Sort { get; init; } = KeySort.Name;
    public bool Descending { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 10;
}

public sealed record KeyPage(IReadOnlyList<KeyRow> Rows, int TotalCount);
