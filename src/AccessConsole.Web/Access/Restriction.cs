using System.Text.Json.Serialization;

namespace AccessConsole.Web.Access;

/// <summary>
/// The limits of a restricted subject. A null list means "no limit on this dimension"; an empty list
/// allows nothing. Lists are kept sorted and distinct so that equal restrictions compare and serialize equal.
/// </summary>
public sealed record Restriction
{
    private readonly IReadOnlyList<KeyPurpose>? purposes;
    private readonly IReadOnlyList<string>? modelFamilies;
    private readonly IReadOnlyList<Guid>? integrations;
    private readonly IReadOnlyList<CredentialKind>? credentialKinds;

    public IReadOnlyList<KeyPurpose>? Purposes { get => purposes; init => purposes = Normalize(value); }

    /// <summary>Model families, lower-case (for example <c>haiku</c>, <c>sonnet</c>, <c>opus</c>).</summary>
    public IReadOnlyList<string>? ModelFamilies
    {
        get => modelFamilies;
        init => modelFamilies = Normalize(value?.Select(m => m.Trim().ToLowerInvariant()));
    }

    public bool FirstPartyClientsOnly { get; init; }

    /// <summary>The integrations (clients) through which calls are allowed.</summary>
    public IReadOnlyList<Guid>? Integrations { get => integrations; init => integrations = Normalize(value); }

    public IReadOnlyList<CredentialKind>? CredentialKinds { get => credentialKinds; init => credentialKinds = Normalize(value); }

    public int? RequestsPerMinute { get; init; }
    public int? TokensPerMinute { get; init; }

    public static Restriction None { get; } = new();

    [JsonIgnore]
    public bool IsEmpty =>
        Purposes is null && ModelFamilies is null && !FirstPartyClientsOnly && Integrations is null
        && CredentialKinds is null && RequestsPerMinute is null && TokensPerMinute is null;

    /// <summary>Both restrictions at once: sets intersect, flags add up, caps take the minimum.</summary>
    public Restriction Intersect(Restriction other) => new()
    {
        Purposes = IntersectLists(Purposes, other.Purposes),
        ModelFamilies = IntersectLists(ModelFamilies, other.ModelFamilies),
        FirstPartyClientsOnly = FirstPartyClientsOnly || other.FirstPartyClientsOnly,
        Integrations = IntersectLists(Integrations, other.Integrations),
        CredentialKinds = IntersectLists(CredentialKinds, other.CredentialKinds),
        RequestsPerMinute = Min(RequestsPerMinute, other.RequestsPerMinute),
        TokensPerMinute = Min(TokensPerMinute, other.TokensPerMinute),
    };

    public bool Equals(Restriction? other) =>
        other is not null
        && SameList(Purposes, other.Purposes)
        && SameList(ModelFamilies, other.ModelFamilies)
        && FirstPartyClientsOnly == other.FirstPartyClientsOnly
        && SameList(Integrations, other.Integrations)
        && SameList(CredentialKinds, other.CredentialKinds)
        && RequestsPerMinute == other.RequestsPerMinute
        && TokensPerMinute == other.TokensPerMinute;

    public override int GetHashCode() =>
        HashCode.Combine(Purposes?.Count, ModelFamilies?.Count, FirstPartyClientsOnly, Integrations?.Count,
            CredentialKinds?.Count, RequestsPerMinute, TokensPerMinute);

    private static IReadOnlyList<T>? Normalize<T>(IEnumerable<T>? values) =>
        values?.Distinct().Order().ToArray();

    private static IReadOnlyList<T>? IntersectLists<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        a is null ? b : b is null ? a : a.Intersect(b).ToArray();

    private static bool SameList<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
