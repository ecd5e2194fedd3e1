using AccessConsole.Web.Audit.Tree;

namespace AccessConsole.Tests.Audit.Tree;

/// <summary>A tree's subtrees computed from its leaves in memory, straight from the definition.</summary>
internal sealed class InMemoryTree(List<byte[]> leaves) : ISubtreeHashes
{
    public long Size => leaves.Count;

    public Task PrefetchAsync(IReadOnlyList<(long Start, long Count)> subtrees, CancellationToken ct) => Task.CompletedTask;

    public byte[] Hash(long start, long count) => MerkleHash.Root(leaves.GetRange((int)start, (int)count));
}
