namespace AccessConsole.Web.Access;

/// <summary>
/// The access a subject has: a state, the restriction when restricted, and optionally the time at which
/// this access lifts itself and the previous access returns.
/// </summary>
public sealed record AccessValue(AccessState State, Restriction? Restriction = null, DateTime? Until = null)
{
    public static AccessValue Active { get; } = new(AccessState.Active);

    public static AccessValue Revoked(DateTime? until = null) => new(AccessState.Revoked, null, until);

    public static AccessValue Restricted(Restriction restriction, DateTime? until = null) =>
        new(AccessState.Restricted, restriction, until);

    public bool Equals(AccessValue? other) =>
        other is not null && State == other.State && Until == other.Until
        && (Restriction ?? Restriction.None).Equals(other.Restriction ?? Restriction.None);

    public override int GetHashCode() => HashCode.Combine(State, Until);
}
