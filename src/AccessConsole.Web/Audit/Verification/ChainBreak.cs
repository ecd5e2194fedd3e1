namespace AccessConsole.Web.Audit.Verification;

/// <summary>How the chain was found broken.</summary>
public enum ChainFault
{
    /// <summary>An event's content no longer matches its hash (or its successor recorded another hash for it).</summary>
    Edited,

    /// <summary>A sequence number is absent, or the event an event was chained to is gone.</summary>
    Missing,

    /// <summary>An event that does not belong: its successor is chained past it, or its sequence repeats.</summary>
    Inserted,

    /// <summary>Events are out of their sealed order.</summary>
    Reordered,
}

/// <summary>The first place where the chain does not verify.</summary>
public sealed record ChainBreak(long Sequence, ChainFault Fault, string Explanation);

/// <summary>The answer of a verification: intact with its count and head, or the first break.</summary>
public sealed record ChainVerification(long Count, long HeadSequence, string HeadHash, ChainBreak? Break, TimeSpan Elapsed)
{
    public bool IsIntact => Break is null;

    /// <summary>The Merkle tree's root over the first N events, recomputed from them, for every N a checkpoint signed a root at.</summary>
    public IReadOnlyDictionary<long, string> TreeRoots { get; init; } = new Dictionary<long, string>();

    public string Summary => Break is { } b
        ? $"Broken at sequence {b.Sequence}: {b.Fault.ToString().ToLowerInvariant()}. {b.Explanation} ({Count:N0} events verified before it.)"
        : $"Intact: {Count:N0} events, head hash {HeadHash}.";
}
