using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace AccessConsole.Web.Audit.Search;

/// <summary>
/// The audit page's address: the search, the order the page lists its events in, and the event whose drawer is open.
/// Order and event belong to the page only, so exports and the command line do not read them. The order is the order of
/// the events within a page and of the pager's links; the page itself is the cursor's, so that no page costs more than another.
/// </summary>
public sealed record AuditAddress(AuditSearchRequest Search, bool OldestFirst = false, long? Event = null)
{
    public const string Path = "/audit";
    public const string Order = "order";
    public const string OldestFirstValue = "oldest";
    public const string EventName = "event";

    public static AuditAddress Parse(string url)
    {
        var search = AuditSearchParameters.ParseUrl(url, Order, EventName);
        var withoutFragment = url.Split('#')[0];
        var start = withoutFragment.IndexOf('?');
        var query = QueryHelpers.ParseQuery(start < 0 ? "" : withoutFragment[start..])
            .ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value.ToString().Trim());
        var errors = new List<string>(search.Errors);

        var order = query.GetValueOrDefault(Order);
        var oldestFirst = order == OldestFirstValue;
        if (!string.IsNullOrEmpty(order) && !oldestFirst && order != "newest") errors.Add($"'{Order}' must be '{OldestFirstValue}' or 'newest'.");

        long? opened = null;
        if (query.GetValueOrDefault(EventName) is { Length: > 0 } text)
        {
            opened = SearchValues.ParseSequence(text);
            if (opened is null) errors.Add($"'{EventName}' must be a sequence number, not '{SearchValues.Shorten(text)}'.");
        }

        return new(search with { Errors = errors }, oldestFirst, opened);
    }

    public AuditFilter Filter => Search.Filter;

    /// <summary>The address of this search with another filter: back to its first page, no event open.</summary>
    public string WithFilter(AuditFilter filter) => Href(filter, null, OldestFirst, null);

    /// <summary>The address of another page of this search.</summary>
    public string WithCursor(AuditCursor cursor) => Href(Filter, cursor, OldestFirst, null);

    /// <summary>This search in the other order, from its start: the oldest page, or the newest.</summary>
    public string WithOrder(bool oldestFirst) => Href(Filter, oldestFirst ? AuditCursor.Oldest : null, oldestFirst, null);

    /// <summary>This search and page with an event's drawer open (or closed, for null).</summary>
    public string WithEvent(long? sequence) => Href(Filter, Search.Cursor, OldestFirst, sequence);

    public static string Href(AuditFilter filter, AuditCursor? cursor, bool oldestFirst, long? sequence)
    {
        var address = Path + AuditSearchParameters.ToQueryString(filter, cursor);
        var more = new Dictionary<string, string?>();
        if (oldestFirst) more[Order] = OldestFirstValue;
        if (sequence is { } n) more[EventName] = n.ToString(CultureInfo.InvariantCulture);
        return more.Count == 0 ? address : QueryHelpers.AddQueryString(address, more);
    }
}
