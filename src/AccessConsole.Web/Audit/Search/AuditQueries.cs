namespace AccessConsole.Web.Audit.Search;

public static class AuditQueries
{
    /// <summary>The events a filter selects; each equality pairs with Sequence in an index, for keyset paging.</summary>
    public static IQueryable<AuditEvent> Matching(this IQueryable<AuditEvent> events, AuditFilter filter)
    {
        if (filter.OrganizationId is { } organization) events = events.Where(e => e.OrganizationId == organization);
        if (filter.ActorId is { } actor) events = events.Where(e => e.ActorId == actor);
        if (filter.Action is { } action) events = events.Where(e => e.Action == action);
        if (filter.ReasonCode is { } reason) events = events.Where(e => e.ReasonCode == reason);
        if (filter.SubjectId is { } subject) events = events.Where(e => e.SubjectId == subject);
        if (filter.From is { } from) events = events.Where(e => e.OccurredAt >= from);
        if (filter.To is { } to) events = events.Where(e => e.OccurredAt <= to);
        return events;
    }
}
