namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>A gateway's question: may the key with this SHA-256 call, through this client, for this model family?</summary>
public sealed record DecisionItem(string? KeyHash, string? ClientId, string? ModelFamily);

public sealed record DecisionBatch(IReadOnlyList<DecisionItem>? Items);

public sealed record RestrictionView(
    IReadOnlyList<string>? Purposes, IReadOnlyList<string>? ModelFamilies, bool FirstPartyClientsOnly, IReadOnlyList<Guid>? Clients,
    IReadOnlyList<string>? CredentialKinds, int? RequestsPerMinute, int? TokensPerMinute);

/// <summary>
/// A layer that decided: for a platform rule, also who wrote it and who approved it. <c>Until</c>: when the layer's
/// access ends by itself (a timed change's limit, a rule's end), null when it stays until changed.
/// </summary>
public sealed record LayerView(string Kind, string SubjectId, string SubjectName, string State, string Effect, string? ReasonCode, long? AuditSequence,
    string? ChangedBy = null, string? ApprovedBy = null, DateTime? Until = null);

public sealed record DecisionAnswer(
    string KeyHash, string Decision, RestrictionView Restriction, IReadOnlyList<LayerView> Layers, IReadOnlyList<string> Denials, long AccessVersion);

public sealed record DecisionAnswers(IReadOnlyList<DecisionAnswer> Items, long AccessVersion, string Source);
