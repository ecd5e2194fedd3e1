using AccessConsole.Web.Bulk.Segments;

namespace AccessConsole.Web.Hosting;

/// <summary>
/// The size of what a page may send over its circuit, set for the largest input the console accepts. SignalR's
/// default of 32 KB silently dropped a legitimate list of organizations, and the page went on with the old value.
/// </summary>
public static class CircuitLimits
{
    /// <summary>The longest text of an explicit organization list: 1,000 entries of up to 200 characters, one a line.</summary>
    public const int OrganizationListText = SegmentValidator.MaxListed * (SegmentValidator.MaxEntryLength + 1);

    /// <summary>
    /// One message of the circuit: the list above at up to 3 bytes a character in UTF-8, with room for the event's
    /// envelope. A larger message closes the connection, which the page shows; it never runs an action.
    /// </summary>
    public const long MaxReceiveMessageSize = 1024 * 1024;
}
