using System.Text.RegularExpressions;

namespace AccessConsole.Web.Audit.Verification;

/// <summary>An event's sequence and hash as someone recorded them earlier, outside the database.</summary>
public sealed partial record RecordedEvent(long Sequence, string Hash)
{
    /// <summary>Reads <c>SEQUENCE:HASH</c>, as <c>verify-audit --expect</c> takes it.</summary>
    public static RecordedEvent? Parse(string text)
    {
        var match = Shape().Match(text.Trim());
        return match.Success && long.TryParse(match.Groups[1].Value, out var sequence) && sequence > 0
            ? new RecordedEvent(sequence, match.Groups[2].Value.ToLowerInvariant())
            : null;
    }

    internal ChainBreak? Check(long sequence, ReadOnlySpan<byte> hash) =>
        sequence != Sequence || hash.SequenceEqual(System.Text.Encoding.UTF8.GetBytes(Hash)) ? null : new(Sequence, ChainFault.Edited,
        $"Event {Sequence} no longer has the hash recorded for it ({Hash}): it, or events before it, were rewritten and the chain resealed.");

    internal ChainBreak? CheckEnd(long lastSequence) => lastSequence >= Sequence ? null : new(lastSequence + 1, ChainFault.Missing,
        $"The log ends at sequence {lastSequence}, but event {Sequence} was recorded earlier: events were cut off the end.");

    [GeneratedRegex("^([0-9]{1,18}):([0-9a-fA-F]{64})$")]
    private static partial Regex Shape();
}
