using AccessConsole.Web.Audit.Tree;

namespace AccessConsole.Tests.Audit.Tree;

/// <summary>A tree's subtrees computed from its leaves in memory, straight from the definition.</summary>
internal sealed class InMemoryTree(List<byte[]> leaves) : ISubtreeHashes
{
    public long Size => leaves.Count;

    public Task<byte[]> HashAsync(long start, long count, CancellationToken ct) =>
        Task.FromResult(MerkleHash.Root(leaves.GetRange((int)start, (int)count)));
}
