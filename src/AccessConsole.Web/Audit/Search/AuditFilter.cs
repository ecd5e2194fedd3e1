namespace AccessConsole.Web.Audit.Search;

/// <summary>What a search of the audit log asks for; every part is optional and they combine with AND.</summary>
public sealed record AuditFilter
{
    public Guid? OrganizationId { get; init; }
    public string? ActorId { get; init; }
    public string? Action { get; init; }
    public string? ReasonCode { get; init; }
    public string? SubjectId { get; init; }

    /// <summary>Inclusive, UTC.</summary>
    public DateTime? From { get; init; }

    /// <summary>Inclusive, UTC; a date alone means the end of that day.</summary>
    public DateTime? To { get; init; }

    public bool IsEmpty => this == new AuditFilter();
}

/// <summary>
/// The page position of a keyset search, newest first: the events before a sequence (older), or after one
/// (newer); neither is the newest page.
/// </summary>
public sealed record AuditCursor(long? Before = null, long? After = null)
{
    public static AuditCursor Newest { get; } = new();

    public static AuditCursor Oldest { get; } = new(After: 0);
}

/// <summary>One page of events, newest first, with the cursors of the neighbouring pages when there are any.</summary>
public sealed record AuditEventsPage(IReadOnlyList<AuditEvent> Events, AuditCursor? Newer, AuditCursor? Older);
