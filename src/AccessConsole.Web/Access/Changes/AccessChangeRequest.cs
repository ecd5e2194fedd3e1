namespace AccessConsole.Web.Access.Changes;

public enum ChangeKind
{
    Revoke,
    Restrict,
    Restore,
}

/// <summary>A subject of access: its kind and id.</summary>
public readonly record struct SubjectRef(SubjectKind Kind, Guid Id);

/// <summary>
/// One access change as a person decided it: on which subject, at which version of it, and why.
/// </summary>
public sealed record AccessChangeRequest
{
    public required SubjectRef Subject { get; init; }
    public required ChangeKind Kind { get; init; }

    /// <summary>The subject's access version the person saw when deciding.</summary>
    public required int ExpectedVersion { get; init; }

    public string? ReasonCode { get; init; }
    public string? Justification { get; init; }
    public string? TicketReference { get; init; }
    public string? PolicyClause { get; init; }
    public DateTime? Until { get; init; }

    /// <summary>For Restrict: the limits to apply.</summary>
    public Restriction? Restriction { get; init; }

    /// <summary>For Restore: full access instead of the access before the last change.</summary>
    public bool RestoreFullAccess { get; init; }

    /// <summary>Shared by the events of one bulk change or one approval.</summary>
    public Guid? CorrelationId { get; init; }

    /// <summary>The notice to send the customer with the change, or null to send none.</summary>
    public Notices.CustomerNotice? Notice { get; init; }
}

/// <summary>The outcome of a change: either the new state, or messages per field and nothing written.</summary>
public sealed record AccessChangeResult
{
    public bool Succeeded => Errors.Count == 0;

    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public long? AuditSequence { get; init; }
    public AccessValue? After { get; init; }
    public int? NewVersion { get; init; }

    public static AccessChangeResult Invalid(IReadOnlyDictionary<string, string> errors) => new() { Errors = errors };

    public static AccessChangeResult Invalid(string field, string message) =>
        new() { Errors = new Dictionary<string, string> { [field] = message } };
}

/// <summary>Names of the fields that messages attach to, shared by the service and the dialog.</summary>
public static class ChangeFields
{
    public const string Subject = nameof(Subject);
    public const string Version = nameof(Version);
    public const string Reason = nameof(Reason);
    public const string Justification = nameof(Justification);
    public const string Ticket = nameof(Ticket);
    public const string PolicyClause = nameof(PolicyClause);
    public const string Until = nameof(Until);
    public const string TakesEffect = nameof(TakesEffect);
    public const string Restriction = nameof(Restriction);
    public const string Purposes = nameof(Purposes);
    public const string ModelFamilies = nameof(ModelFamilies);
    public const string Clients = nameof(Clients);
    public const string CredentialKinds = nameof(CredentialKinds);
    public const string RequestsPerMinute = nameof(RequestsPerMinute);
    public const string TokensPerMinute = nameof(TokensPerMinute);
    public const string Restore = nameof(Restore);
}
